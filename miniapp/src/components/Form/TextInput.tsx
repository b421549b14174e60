import { Input, Textarea, type InputProps, type TextareaProps } from '@tarojs/components';
import { useFieldAria } from './context';

type WithTestId = { testId?: string };

/**
 * Taro's Input, labelled by the Field around it. The ARIA attributes go through `nativeProps`
 * because in H5 the host element wraps the native <input> that assistive technology reads.
 */
export function TextInput({ testId, className = '', nativeProps, ...props }: InputProps & WithTestId) {
  const aria = useFieldAria();
  return <Input {...props} className={`form-input ${className}`} nativeProps={{ ...aria, ...nativeProps }} data-testid={testId} />;
}

/** Taro's Textarea, labelled by the Field around it (see TextInput). */
export function TextArea({ testId, className = '', nativeProps, ...props }: TextareaProps & WithTestId) {
  const aria = useFieldAria();
  return <Textarea {...props} className={`form-textarea ${className}`} nativeProps={{ ...aria, ...nativeProps }} data-testid={testId} />;
}
