import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** A labelled form row with its field-level message underneath. */
export function Field({ name, label, required, error, hint, children }: { name: string; label: string; required?: boolean; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`hl-field ${error ? 'hl-field--invalid' : ''}`} data-testid={`field-${name}`}>
      <View className='hl-field__label'>
        <Text>{label}</Text>
        {required ? <Text className='hl-field__required'>*</Text> : null}
      </View>
      {children}
      {error ? (
        <Text className='hl-field__error' data-testid={`error-${name}`}>
          {error}
        </Text>
      ) : hint ? (
        <Text className='hl-field__hint'>{hint}</Text>
      ) : null}
    </View>
  );
}

/** An on/off row drawn with Views (the same look and behaviour in weapp, H5 and tests). */
export function Toggle({ testId, label, description, checked, onChange }: { testId: string; label: string; description?: string; checked: boolean; onChange: (next: boolean) => void }) {
  return (
    <View className='hl-toggle' data-testid={testId} role='switch' aria-checked={checked} data-checked={checked} onClick={() => onChange(!checked)}>
      <View className='hl-toggle__text'>
        <Text className='hl-toggle__label'>{label}</Text>
        {description ? <Text className='hl-toggle__desc'>{description}</Text> : null}
      </View>
      <View className={`hl-toggle__track ${checked ? 'hl-toggle__track--on' : ''}`}>
        <View className='hl-toggle__thumb' />
      </View>
    </View>
  );
}

/** A row of choices, one selectable. */
export function Chips<T extends string>({ testId, options, value, onChange }: { testId: string; options: ReadonlyArray<{ value: T; label: string }>; value: T | null; onChange: (v: T) => void }) {
  return (
    <View className='hl-chips' data-testid={testId} role='radiogroup'>
      {options.map((o) => (
        <View
          key={o.value}
          className={`hl-chip ${value === o.value ? 'hl-chip--on' : ''}`}
          role='radio'
          aria-checked={value === o.value}
          data-testid={`${testId}-${o.value}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
