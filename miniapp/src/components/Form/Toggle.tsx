import { useId } from 'react';
import { Text, View } from '@tarojs/components';
import { FieldError } from './FieldError';

export interface ToggleProps {
  /** Stable name: `data-testid="toggle-<name>"` (unless `testId`), `error-<name>` on the message. */
  name: string;
  label: string;
  description?: string;
  checked: boolean;
  onChange: (next: boolean) => void;
  error?: string | null;
  testId?: string;
}

/**
 * An on/off row drawn with Views (the same look and behaviour in weapp, H5 and tests): a
 * switch labelled by its visible label, described by its description and message.
 */
export function Toggle({ name, label, description, checked, onChange, error, testId = `toggle-${name}` }: ToggleProps) {
  const base = useId();
  const labelId = `${base}label`;
  const describedBy = [description ? `${base}desc` : '', error ? `${base}error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <View className={`form-toggle-field ${error ? 'form-toggle-field--invalid' : ''}`}>
      <View
        className='form-toggle'
        data-testid={testId}
        role='switch'
        {...{ tabIndex: 0 }}
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        data-checked={checked}
        onClick={() => onChange(!checked)}
      >
        <View className='form-toggle__text'>
          <Text className='form-toggle__label' id={labelId}>
            {label}
          </Text>
          {description ? (
            <Text className='form-toggle__desc' id={`${base}desc`}>
              {description}
            </Text>
          ) : null}
        </View>
        <View className={`form-toggle__track ${checked ? 'form-toggle__track--on' : ''}`}>
          <View className='form-toggle__thumb' />
        </View>
      </View>
      <FieldError name={name} id={`${base}error`} message={error} />
    </View>
  );
}
