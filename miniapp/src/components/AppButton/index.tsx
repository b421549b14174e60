import type { ReactNode } from 'react';
import { Button, Text, type ButtonProps } from '@tarojs/components';
import './index.scss';

interface AppButtonProps {
  variant?: 'primary' | 'secondary' | 'text';
  loading?: boolean;
  disabled?: boolean;
  className?: string;
  testId?: string;
  openType?: ButtonProps['openType'];
  onGetPhoneNumber?: ButtonProps['onGetPhoneNumber'];
  onClick?: () => void;
  children: ReactNode;
}

/** The app's button; wraps Taro's Button so WeChat open abilities (getPhoneNumber) keep working. */
export function AppButton({ variant = 'primary', loading, disabled, className = '', testId, openType, onGetPhoneNumber, onClick, children }: AppButtonProps) {
  const inactive = Boolean(disabled || loading);
  // Only pass the flags when set: the H5 button renders disabled="false" as an attribute,
  // which attribute selectors (its own stylesheet included) read as disabled.
  // The label is wrapped in one element so React never rewrites the button's own children: the
  // H5 button (a Stencil element without shadow DOM) keeps an empty text node among them as the
  // marker it inserts its loading spinner before, and React setting `textContent` on a change of
  // a bare text child deletes that marker (NotFoundError: insertBefore, on every 提交诉求).
  return (
    <Button
      className={`app-button app-button--${variant} ${inactive ? 'app-button--inactive' : ''} ${className}`}
      hoverClass='app-button--hover'
      loading={loading || undefined}
      disabled={inactive || undefined}
      openType={openType}
      onGetPhoneNumber={onGetPhoneNumber}
      onClick={inactive ? undefined : onClick}
      data-testid={testId}
    >
      <Text className='app-button__label'>{children}</Text>
    </Button>
  );
}
