import { createContext, useContext } from 'react';

/** What a Field tells the control inside it, so the control can name its label and message. */
export interface FieldIds {
  /** Id of the visible label's element. */
  labelId: string;
  /** Id of what describes the control now: the error while there is one, else the hint. */
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
}

export const FieldContext = createContext<FieldIds | null>(null);

/**
 * The ARIA attributes that tie a control to the Field around it (label, message, state);
 * empty outside a Field. Spread them on a control, or pass them as `nativeProps` to Taro's
 * Input/Textarea so that they reach the native element in H5.
 */
export function useFieldAria(): Record<string, string | undefined> {
  const field = useContext(FieldContext);
  if (!field) return {};
  return {
    'aria-labelledby': field.labelId,
    'aria-describedby': field.describedBy,
    // Strings: H5's native controls render a boolean true as an empty attribute, which ARIA reads as false.
    'aria-invalid': field.invalid ? 'true' : undefined,
    'aria-required': field.required ? 'true' : undefined,
  };
}
