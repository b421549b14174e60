import { Text, View } from '@tarojs/components';
import { OPEN_DAY_MAX_COMPANIONS, type OpenDayRegisterResponse, type OpenDaySession } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextInput, useRevealFirstError } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import type { UseRegistrationForm } from '../hooks/useRegistrationForm';
import { placesText, sessionTimeText } from '../lib/labels';
import { openDayPages, openPage } from '../navigation';
import { Fact } from './Fact';
import './open-days.scss';

interface RegisterFormProps {
  form: UseRegistrationForm;
  sessions: readonly OpenDaySession[];
  /** The phone bound to the account, masked; used when the phone field is left empty. */
  boundPhone: string | null;
  /** 只能候补 after repeated no-shows: the server's words, shown before the form. */
  restriction: string | null;
}

/** The sign-up form: session, the citizen's real name and ID number, phone, up to 2 companions. */
export function RegisterForm({ form, sessions, boundPhone, restriction }: RegisterFormProps) {
  const { draft, errors, update } = form;
  const submitting = form.phase === 'submitting';
  const formId = useRevealFirstError(form.refusals);
  const choosable = sessions.filter((s) => !s.ended);
  const chosen = choosable.find((s) => s.id === draft.sessionId);
  return (
    <View className='od-card' id={formId} data-testid='register-form'>
      {restriction ? (
        <Text className='od-notice' data-testid='restriction'>
          {restriction}
        </Text>
      ) : null}
      {form.restored ? (
        <View className='od-notice od-notice--row' data-testid='draft-restored'>
          <Text>已为您恢复上次未提交的报名信息</Text>
          <Text className='od-link' data-testid='draft-clear' onClick={form.clearDraft}>
            清空
          </Text>
        </View>
      ) : null}
      <Field name='sessionId' label='场次' required error={errors.sessionId} hint={chosen && chosen.placesLeft <= 0 ? '该场次已满，提交后进入候补，按顺序递补' : undefined}>
        <Chips
          testId='session'
          options={choosable.map((s) => ({ value: s.id, label: `${sessionTimeText(s.startsAt, s.endsAt)} · ${placesText(s)}` }))}
          value={draft.sessionId || null}
          onChange={(sessionId) => update({ sessionId })}
        />
      </Field>
      <Field name='name' label='姓名' required error={errors.name}>
        <TextInput value={draft.name} maxlength={20} placeholder='与身份证一致' onInput={(e) => update({ name: e.detail.value })} testId='input-name' />
      </Field>
      <Field name='idNumber' label='身份证号码' required error={errors.idNumber}>
        <TextInput value={draft.idNumber} type='idcard' maxlength={18} placeholder='18 位居民身份证号码' onInput={(e) => update({ idNumber: e.detail.value })} testId='input-id-number' />
      </Field>
      <Field name='phone' label='手机号' required={!boundPhone} error={errors.phone} hint={boundPhone ? '不填则使用账号绑定的手机号' : undefined}>
        <TextInput
          value={draft.phone}
          type='number'
          maxlength={11}
          placeholder={boundPhone ? `${boundPhone}（已绑定）` : '用于接收递补和提醒'}
          onInput={(e) => update({ phone: e.detail.value })}
          testId='input-phone'
        />
      </Field>
      {draft.companions.map((c, i) => (
        <View key={i} className='od-companion' data-testid='companion'>
          <View className='od-companion__head'>
            <Text>同行人 {i + 1}</Text>
            <Text className='od-link' data-testid={`remove-companion-${i}`} onClick={() => form.removeCompanion(i)}>
              删除
            </Text>
          </View>
          <Field name={`companions.${i}.name`} label='姓名' required error={errors[`companions.${i}.name`]}>
            <TextInput value={c.name} maxlength={20} placeholder='与身份证一致' onInput={(e) => form.updateCompanion(i, { name: e.detail.value })} testId={`input-companion-${i}-name`} />
          </Field>
          <Field name={`companions.${i}.idNumber`} label='身份证号码' required error={errors[`companions.${i}.idNumber`]}>
            <TextInput
              value={c.idNumber}
              type='idcard'
              maxlength={18}
              placeholder='18 位居民身份证号码'
              onInput={(e) => form.updateCompanion(i, { idNumber: e.detail.value })}
              testId={`input-companion-${i}-id-number`}
            />
          </Field>
        </View>
      ))}
      {errors.companions ? (
        <InlineMessage tone='error' testId='error-companions'>
          {errors.companions}
        </InlineMessage>
      ) : null}
      {draft.companions.length < OPEN_DAY_MAX_COMPANIONS ? (
        <AppButton variant='secondary' testId='add-companion' onClick={form.addCompanion}>
          {`添加同行人（最多 ${OPEN_DAY_MAX_COMPANIONS} 位）`}
        </AppButton>
      ) : null}
      <Text className='od-notice od-notice--info' data-testid='privacy-note'>
        姓名、身份证号码和手机号加密保存，仅用于入场核验，页面只显示部分字符。
      </Text>
      {form.submitError ? (
        <InlineMessage tone='error' testId='submit-error'>
          {form.submitError}
        </InlineMessage>
      ) : null}
      <AppButton loading={submitting} onClick={() => void form.submit()} testId='submit-registration'>
        {submitting ? '正在提交…' : '提交报名'}
      </AppButton>
      <Text className='od-muted'>填写内容已自动保存在本机，网络中断也不会丢失；重复提交不会重复报名。</Text>
    </View>
  );
}

/** After a sign-up: 报名成功 with the way to the pass, or the place on the waitlist. */
export function RegisterResult({ result }: { result: OpenDayRegisterResponse }) {
  const waitlisted = result.status === 'waitlisted';
  return (
    <View className='od-card od-done' data-testid='register-result' data-status={result.status}>
      <Text className='od-done__title'>{waitlisted ? `已进入候补，第 ${result.position ?? '—'} 位` : result.replayed ? '您已报名成功' : '报名成功'}</Text>
      <Text className='od-fact'>{result.openDayTitle}</Text>
      <Fact label='场次'>{sessionTimeText(result.sessionStartsAt, result.sessionEndsAt)}</Fact>
      <Fact label='地点'>{result.location}</Fact>
      <Fact label='人数'>共 {result.partySize} 人</Fact>
      <Text className='od-text'>
        {waitlisted
          ? '有人取消时按候补顺序递补。递补后会通知您，请在期限内确认，逾期名额将让给下一位。'
          : '入场时请出示签到码，工作人员扫码或输入 8 位签到码即可签到。如不能参加，请提前取消，把名额让给其他市民。'}
      </Text>
      {result.status === 'confirmed' ? (
        <AppButton className='od-done__action' testId='result-open-pass' onClick={() => openPage(openDayPages.pass(result.id))}>
          查看签到码
        </AppButton>
      ) : null}
      <AppButton className='od-done__action' variant='secondary' testId='result-open-detail' onClick={() => openPage(openDayPages.detail(result.openDayId))}>
        返回开放日
      </AppButton>
      <AppButton className='od-done__action' variant='text' testId='result-open-mine' onClick={() => openPage(openDayPages.mine())}>
        我的报名
      </AppButton>
    </View>
  );
}
