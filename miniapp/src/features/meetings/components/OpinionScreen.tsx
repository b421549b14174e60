import { Text, View } from '@tarojs/components';
import { MEETING_OPINION_MAX_CHARS, type MeetingDetail, type MeetingDetailResponse, type User } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Field, TextArea, useRevealFirstError } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { LoginPrompt } from '@/components/LoginPrompt';
import { PageHeader } from '@/components/PageHeader';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import type { SessionState } from '@/services';
import { useOpinionForm } from '../hooks/useOpinionForm';
import { meetingPages, openMeetingPage } from '../navigation';
import { MeetingGate } from './MeetingGate';
import './meetings.scss';

/** 列席意见: an observer (confirmed) writes one opinion after the meeting started; it is published with the government's reply. */
export function OpinionScreen({ session, remote }: { session: SessionState; remote: UseRemote<MeetingDetailResponse> }) {
  return (
    <MeetingGate
      testId='opinion-page'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='会议信息加载失败'
      notFound={{ title: '没有找到这次会议', description: '它可能已被撤下，或链接有误。' }}
    >
      {({ item }) => (
        <View className='page mt-page' data-testid='opinion-page' data-state='ok'>
          <PageHeader title='提交列席意见' subtitle={item.title} />
          <Body m={item} session={session} />
        </View>
      )}
    </MeetingGate>
  );
}

function Body({ m, session }: { m: MeetingDetail; session: SessionState }) {
  if (session.status !== 'authenticated') {
    return <LoginPrompt testId='opinion-login' title='登录后提交列席意见' description='列席意见只能由本次会议的列席人员提交。登录完成会回到本页。' />;
  }
  if (!m.me?.application?.canSubmitOpinion) {
    return (
      <StatusView
        testId='opinion-not-allowed'
        glyph='止'
        title='暂不能提交列席意见'
        description='已确认参加的列席人员可在会议开始后提交一条意见；如已提交，可在会议详情查看答复。'
        actionText='返回会议详情'
        onAction={() => openMeetingPage(meetingPages.detail(m.id))}
      />
    );
  }
  return <SignedIn key={session.user.id} user={session.user} meetingId={m.id} />;
}

function SignedIn({ user, meetingId }: { user: User; meetingId: string }) {
  const form = useOpinionForm(user, meetingId);
  const formId = useRevealFirstError(form.refusals);
  if (form.phase === 'submitted' && form.result) {
    return (
      <View className='mt-card' data-testid='opinion-done'>
        <View className='mt-h2' role='heading' aria-level={2}>
          意见已提交
        </View>
        <Text className='mt-text'>您的意见已公开在会议详情页，组织单位答复后会通知您。</Text>
        <AppButton testId='back-to-meeting' onClick={() => openMeetingPage(meetingPages.detail(meetingId))}>
          返回会议详情
        </AppButton>
      </View>
    );
  }
  return (
    <View className='mt-card' id={formId} data-testid='opinion-form'>
      <Field name='text' label='您的列席意见' required error={form.errors.text} hint={`${form.value.text.trim().length}/${MEETING_OPINION_MAX_CHARS} 字`}>
        <TextArea
          value={form.value.text}
          maxlength={MEETING_OPINION_MAX_CHARS}
          placeholder='请写下您对会议议题的意见和建议（至少 5 个字）'
          onInput={(e) => form.update({ text: e.detail.value })}
          testId='input-opinion'
        />
      </Field>
      <Text className='mt-muted'>意见将署名（脱敏）公开，每位列席人员可提交一条。内容已自动保存在本机。</Text>
      {form.submitError ? (
        <InlineMessage tone='error' testId='submit-error'>
          {form.submitError}
        </InlineMessage>
      ) : null}
      <AppButton className='mt-form__submit' loading={form.phase === 'submitting'} onClick={() => void form.submit()} testId='submit-opinion'>
        {form.phase === 'submitting' ? '正在提交…' : '提交意见'}
      </AppButton>
    </View>
  );
}
