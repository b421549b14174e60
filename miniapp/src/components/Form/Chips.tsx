import { Text, View } from '@tarojs/components';
import { useFieldAria } from './context';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
}

/**
 * A row of choices, one selectable (a radio group, labelled by the Field around it).
 * `data-testid="<testId>"` on the row and `<testId>-<value>` on each choice.
 */
export function Chips<T extends string>({ testId, options, value, onChange }: { testId: string; options: ReadonlyArray<ChipOption<T>>; value: T | null; onChange: (v: T) => void }) {
  const aria = useFieldAria();
  return (
    <View className='form-chips' data-testid={testId} role='radiogroup' {...aria}>
      {options.map((o, i) => (
        <View
          key={o.value}
          className={`form-chip ${value === o.value ? 'form-chip--on' : ''}`}
          role='radio'
          aria-checked={value === o.value}
          // One stop in the tab order: the chosen option, or the first while none is (where an error sends the focus).
          // Spread: Taro's ViewProps do not declare tabIndex, which H5 passes to the element.
          {...{ tabIndex: value === o.value || (value === null && i === 0) ? 0 : -1 }}
          data-testid={`${testId}-${o.value}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
