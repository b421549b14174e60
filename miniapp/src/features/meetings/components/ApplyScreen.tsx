import { Text, View } from '@tarojs/components';
import {
  categoryNeedsOrganisation,
  MEETING_REASON_MAX_CHARS,
  type MeetingApplyResponse,
  type MeetingDetail,
  type MeetingDetailResponse,
  type User,
} from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextArea, TextInput, useRevealFirstError } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { LoginPrompt } from '@/components/LoginPrompt';
import { PageHeader } from '@/components/PageHeader';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import type { SessionState } from '@/services';
import { formatDateTime } from '@/utils/format';
import { useApplyForm, type UseApplyForm } from '../hooks/useApplyForm';
import { nextStepOf } from '../lib/labels';
import { meetingPages, openMeetingPage } from '../navigation';
import { MeetingGate } from './MeetingGate';
import './meetings.scss';

/** 申请列席: the meeting in one line, then the form for a signed-in citizen while applications are open. */
export function ApplyScreen({ session, remote }: { session: SessionState; remote: UseRemote<MeetingDetailResponse> }) {
  return (
    <MeetingGate
      testId='apply-page'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='会议信息加载失败'
      notFound={{ title: '没有找到这次会议', description: '它可能已被撤下，或链接有误。' }}
    >
      {({ item }) => (
        <View className='page mt-page' data-testid='apply-page' data-state='ok'>
          <PageHeader title='申请列席' subtitle={item.title} />
          <Body m={item} session={session} />
        </View>
      )}
    </MeetingGate>
  );
}

function Body({ m, session }: { m: MeetingDetail; session: SessionState }) {
  if (session.status !== 'authenticated') {
    return <LoginPrompt testId='apply-login' title='登录后申请列席' description='申请需要先登录，以便选定结果通知您本人。登录完成会回到本页。' />;
  }
  const existing = m.me?.application;
  if (existing && existing.status !== 'withdrawn') {
    return <StatusView testId='apply-exists' glyph='已' title='您已申请过本次会议' description={`当前状态：${existing.statusLabel}。`} actionText='查看我的申请' onAction={() => openMeetingPage(meetingPages.detail(m.id))} />;
  }
  if (!m.canApply) {
    return <StatusView testId='apply-closed' glyph='止' title='申请已截止' description={`本次会议的列席申请已于 ${formatDateTime(m.applicationClosesAt)} 截止。`} />;
  }
  // Keyed by citizen: another citizen on this device gets their own draft.
  return <SignedIn key={session.user.id} user={session.user} m={m} />;
}

function SignedIn({ user, m }: { user: User; m: MeetingDetail }) {
  const form = useApplyForm(user, m.id);
  if (form.phase === 'submitted' && form.result) return <Applied result={form.result} m={m} />;
  return <ApplyForm form={form} m={m} />;
}

export function ApplyForm({ form, m }: { form: UseApplyForm; m: MeetingDetail }) {
  const { value: d, errors, update } = form;
  const submitting = form.phase === 'submitting';
  const formId = useRevealFirstError(form.refusals);
  const open = m.seats.filter((s) => s.seats > 0);
  const needsOrg = d.category !== null && categoryNeedsOrganisation(d.category);
  return (
    <View className='mt-card' id={formId} data-testid='apply-form'>
      {form.restored ? (
        <View className='mt-notice' data-testid='draft-restored'>
          <Text>已为您恢复上次未提交的内容。</Text>
          <Text className='mt-link' data-testid='draft-clear' onClick={form.clearDraft}>
            清空草稿
          </Text>
        </View>
      ) : null}
      <Field name='category' label='列席类别' required error={errors.category} hint={open.map((s) => `${s.label}已申请 ${s.applications} 人`).join('，') + '。每个类别单独选定。'}>
        <Chips testId='category' options={open.map((s) => ({ value: s.category, label: `${s.label}（${s.seats} 席）` }))} value={d.category} onChange={(category) => update({ category })} />
      </Field>
      <Field name='name' label='姓名（选填）' error={errors.name} hint='公开名单和列席人员中只显示姓氏（如“张**”），姓名加密保存。不填则使用您的昵称。'>
        <TextInput value={d.name} maxlength={20} placeholder='选填' onInput={(e) => update({ name: e.detail.value })} testId='input-name' />
      </Field>
      <Field name='reason' label='申请理由' required error={errors.reason} hint={`${d.reason.trim().length}/${MEETING_REASON_MAX_CHARS} 字`}>
        <TextArea value={d.reason} maxlength={MEETING_REASON_MAX_CHARS} placeholder='请说明您为什么希望列席、与议题有何关系（至少 5 个字）' onInput={(e) => update({ reason: e.detail.value })} testId='input-reason' />
      </Field>
      {needsOrg ? (
        <>
          <Field name='organisation' label='所在单位' required error={errors.organisation} hint='将与列席人员名单一起公开'>
            <TextInput value={d.organisation} maxlength={100} placeholder='例如：江海日报社' onInput={(e) => update({ organisation: e.detail.value })} testId='input-organisation' />
          </Field>
          <Field name='qualification' label='资格说明' required error={errors.qualification} hint='例如职务、专业领域或与议题的利益关系'>
            <TextArea value={d.qualification} maxlength={300} placeholder='请说明您以该类别列席的资格' onInput={(e) => update({ qualification: e.detail.value })} testId='input-qualification' />
          </Field>
        </>
      ) : null}
      <Text className='mt-hint'>{m.selection === 'lottery' ? '提交后您会得到一个公开的抽签号。' : '提交后由组织单位审核。'}选定结果会发到“我的消息”。</Text>
      {form.submitError ? (
        <InlineMessage tone='error' testId='submit-error'>
          {form.submitError}
        </InlineMessage>
      ) : null}
      <AppButton className='mt-form__submit' loading={submitting} onClick={() => void form.submit()} testId='submit-apply'>
        {submitting ? '正在提交…' : '提交申请'}
      </AppButton>
    </View>
  );
}

/** After applying: the public draw number and what happens next. */
function Applied({ result, m }: { result: MeetingApplyResponse; m: MeetingDetail }) {
  return (
    <View className='mt-card' data-testid='apply-done' data-status={result.status}>
      <View className='mt-h2' role='heading' aria-level={2}>
        {result.replayed ? '这份申请此前已提交成功' : '申请已提交'}
      </View>
      <Text className='mt-fact'>列席类别：{result.categoryLabel}</Text>
      <Text className='mt-fact'>您的抽签号</Text>
      <Text className='mt-number' data-testid='done-draw-number'>
        {result.drawNumber}
      </Text>
      <Text className='mt-muted'>抽签号按申请先后发放并公开，冻结名单中以它代表您。</Text>
      <Text className='mt-hint'>{nextStepOf(result, m.selection)}</Text>
      <AppButton className='mt-form__submit' testId='back-to-meeting' onClick={() => openMeetingPage(meetingPages.detail(m.id))}>
        返回会议详情
      </AppButton>
      <AppButton variant='text' testId='view-my-applications' onClick={() => openMeetingPage(meetingPages.mine())}>
        查看我的列席申请
      </AppButton>
    </View>
  );
}
