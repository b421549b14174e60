import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import './open-days.scss';

/** One labelled fact of an open day or a registration: "地点：…". */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Text className='od-fact' data-testid={testId}>
      <Text className='od-fact__label'>{label}：</Text>
      {children}
    </Text>
  );
}
