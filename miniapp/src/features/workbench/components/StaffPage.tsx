import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { PageHeader } from '@/components/PageHeader';
import { AccessDenied, isAccessError } from './AccessDenied';
import './workbench.scss';

interface StaffPageProps {
  /** `data-testid` of the page; `<testId>-forbidden` on the refusal. */
  testId: string;
  className: string;
  /** The page's data state, for `data-state` (tests, styles). */
  state: string;
  /** The failure of the page's main read, if any: 401/403 replace the page with the refusal. */
  error?: { httpStatus: number; message: string } | null;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A workbench page: its heading, then its content, or, when the BFF refused the person (signed
 * out, or lacking the role), the refusal in its place.
 */
export function StaffPage({ testId, className, state, error, title, subtitle, actions, children }: StaffPageProps) {
  const denied = error && isAccessError(error.httpStatus) ? error : null;
  return (
    <View className={`page ${className}`} data-testid={testId} data-state={denied ? 'forbidden' : state} role='main'>
      <PageHeader title={title} subtitle={denied ? undefined : subtitle} actions={denied ? undefined : actions} />
      {denied ? <AccessDenied testId={`${testId}-forbidden`} httpStatus={denied.httpStatus} message={denied.message} /> : children}
    </View>
  );
}
