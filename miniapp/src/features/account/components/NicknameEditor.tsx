import { useState } from 'react';
import { View } from '@tarojs/components';
import { NICKNAME_MAX } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Field, TextInput } from '@/components/Form';
import { nicknameProblem } from '../lib/profile';

interface NicknameEditorProps {
  initial: string;
  busy: boolean;
  onSave: (nickname: string) => void;
  onCancel: () => void;
}

/**
 * The nickname field of 我的: WeChat's nickname input (`type="nickname"` offers the WeChat
 * nickname above the keyboard), a plain text field in H5. Checked by the contract before saving.
 */
export function NicknameEditor({ initial, busy, onSave, onCancel }: NicknameEditorProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const problem = nicknameProblem(value);
    setError(problem);
    if (!problem) onSave(value.trim());
  };
  return (
    <View className='account-card__nickname' data-testid='nickname-editor'>
      <Field name='nickname' label='昵称' required error={error} hint={`用于在本小程序中称呼您，最多 ${NICKNAME_MAX} 个字，仅您本人可见`}>
        <TextInput
          type='nickname'
          value={value}
          maxlength={NICKNAME_MAX * 2}
          placeholder='请输入昵称'
          onInput={(e) => setValue(e.detail.value)}
          // WeChat fills the nickname on blur/confirm when it is chosen from its suggestion.
          onBlur={(e) => setValue(e.detail.value)}
          testId='input-nickname'
        />
      </Field>
      <View className='account-card__buttons'>
        <AppButton variant='secondary' onClick={onCancel} testId='nickname-cancel'>
          取消
        </AppButton>
        <AppButton loading={busy} onClick={save} testId='nickname-save'>
          保存
        </AppButton>
      </View>
    </View>
  );
}
