import { useId, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AppButton } from '@/components/AppButton';
import { Toggle } from '@/components/Form';

/** What deleting the account erases and what stays, as the dialog says it (and the BFF does it). */
export const ERASED = ['微信身份与本账号的关联、昵称、绑定的手机号', '我的消息和消息订阅', '诉求中的联系人姓名、电话、诉求描述、地点和照片', '所有设备上的登录状态'];
export const KEPT = ['诉求的编号、类型、标题、办理状态和评价，不再与您关联，仅用于热线统计和依法归档'];

interface DeleteAccountProps {
  busy: boolean;
  onDelete: () => void;
}

/**
 * 注销账号 at the foot of 我的: opens a dialog that says what is erased and what is kept
 * anonymised; 确认注销 is enabled only once the citizen has ticked that they understand.
 */
export function DeleteAccount({ busy, onDelete }: DeleteAccountProps) {
  const [open, setOpen] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const titleId = `${useId()}title`;
  const close = () => {
    setOpen(false);
    setUnderstood(false);
  };
  return (
    <>
      <AppButton variant='text' className='account-delete__open' onClick={() => setOpen(true)} testId='open-delete-account'>
        注销账号
      </AppButton>
      {open ? (
        <View className='account-delete' data-testid='delete-account-dialog'>
          <View className='account-delete__panel' role='dialog' aria-modal='true' aria-labelledby={titleId}>
            <View className='account-delete__title' id={titleId} role='heading' aria-level={2}>
              注销账号
            </View>
            <Text className='account-delete__lead'>注销后无法恢复。再次登录将是一个新的空账号。</Text>
            <Text className='account-delete__heading'>将被删除</Text>
            <Lines lines={ERASED} />
            <Text className='account-delete__heading'>匿名保留</Text>
            <Lines lines={KEPT} />
            <Toggle name='delete-understood' label='我已了解，确认注销' checked={understood} onChange={setUnderstood} />
            <View className='account-card__buttons'>
              <AppButton variant='secondary' onClick={close} testId='delete-cancel'>
                取消
              </AppButton>
              <AppButton className='account-delete__confirm' disabled={!understood} loading={busy} onClick={onDelete} testId='delete-confirm'>
                确认注销
              </AppButton>
            </View>
          </View>
        </View>
      ) : null}
    </>
  );
}

function Lines({ lines }: { lines: readonly string[] }) {
  return (
    <View role='list'>
      {lines.map((line) => (
        <View key={line} className='account-delete__item' role='listitem'>
          {line}
        </View>
      ))}
    </View>
  );
}
