import { useEffect, useId } from 'react';
import { revealFirstError } from '@/services';

/**
 * For a form whose errors may sit above the submit button: answers an id for the form's root,
 * and each time `attempt` changes to a positive number (a submission refused with errors),
 * once those errors are drawn, scrolls to the first one and focuses its control.
 */
export function useRevealFirstError(attempt: number): string {
  // useId gives ":r1:"; a selector (WeChat's pageScrollTo) needs plain characters.
  const id = `form-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  useEffect(() => {
    if (attempt > 0) revealFirstError(id);
  }, [attempt, id]);
  return id;
}
