// Shared form parts: each control is labelled by a visible label and its message sits next to it.
import './index.scss';

export { Field, type FieldProps } from './Field';
export { FieldError } from './FieldError';
export { Chips, type ChipOption } from './Chips';
export { Toggle, type ToggleProps } from './Toggle';
export { TextInput, TextArea } from './TextInput';
export { useFieldAria } from './context';
export { useRevealFirstError } from './reveal';
