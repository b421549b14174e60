import { useId, useMemo, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { FieldContext } from './context';
import { FieldError } from './FieldError';

export interface FieldProps {
  /** Stable name: `data-testid="field-<name>"`, and `error-<name>` on the message. */
  name: string;
  /** The visible label; the control inside is labelled by it. */
  label: string;
  required?: boolean;
  /** The field's message; shown instead of the hint while there is one. */
  error?: string | null;
  hint?: string;
  /** Content that is several controls (a photo grid, a phone number with a switch): labelled as a group. */
  group?: boolean;
  children: ReactNode;
}

/**
 * A labelled form row with its message right under the control. The control inside (TextInput,
 * TextArea, Chips, or one that spreads `useFieldAria()`) is labelled by the visible label and
 * described by the error (role="alert") or the hint.
 */
export function Field({ name, label, required = false, error, hint, group = false, children }: FieldProps) {
  // useId: ids stay unique when several pages are in the H5 document at once.
  const base = useId();
  const labelId = `${base}label`;
  const messageId = `${base}message`;
  const describedBy = error || hint ? messageId : undefined;
  const ids = useMemo(() => ({ labelId, describedBy, invalid: Boolean(error), required }), [labelId, describedBy, error, required]);
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`} data-testid={`field-${name}`}>
      <View className='form-field__label'>
        <Text id={labelId}>{label}</Text>
        {required ? (
          <Text className='form-field__required' aria-hidden>
            *
          </Text>
        ) : null}
      </View>
      <FieldContext.Provider value={ids}>
        {group ? (
          <View role='group' aria-labelledby={labelId} aria-describedby={describedBy}>
            {children}
          </View>
        ) : (
          children
        )}
      </FieldContext.Provider>
      {error ? (
        <FieldError name={name} id={messageId} message={error} />
      ) : hint ? (
        <Text className='form-field__hint' id={messageId}>
          {hint}
        </Text>
      ) : null}
    </View>
  );
}
