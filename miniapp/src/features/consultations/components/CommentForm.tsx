import { Text, View } from '@tarojs/components';
import { COMMENT_MAX_CHARS, type CommentCreateResponse, type ConsultationDetail } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Field, TextArea, TextInput, Toggle, useRevealFirstError } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import type { UseCommentForm } from '../hooks/useCommentForm';
import { consultationPages, openPage } from '../navigation';
import './consultations.scss';

/** The comment form: the text with its counter, the optional real name and contact consent. */
export function CommentForm({ form, target, boundPhone }: { form: UseCommentForm; target: string; boundPhone: string | null }) {
  const { draft, errors, update } = form;
  const submitting = form.phase === 'submitting';
  const formId = useRevealFirstError(form.refusals);
  const length = draft.text.trim().length;
  return (
    <View className='cs-card cs-form' id={formId} data-testid='comment-form'>
      {form.restored ? (
        <View className='cs-notice cs-notice--row' data-testid='draft-restored'>
          <Text>已为您恢复上次未提交的内容</Text>
          <View className='cs-notice__actions'>
            <Text className='cs-link' data-testid='draft-clear' onClick={form.clearDraft}>
              清空草稿
            </Text>
            <Text className='cs-link cs-link--muted' onClick={form.dismissRestored}>
              知道了
            </Text>
          </View>
        </View>
      ) : null}
      <Field name='text' label={`您的意见（${target}）`} required error={errors.text} hint={`${length}/${COMMENT_MAX_CHARS} 字`}>
        <TextArea
          value={draft.text}
          maxlength={COMMENT_MAX_CHARS}
          placeholder='请写明您的意见和理由，例如建议如何修改（至少 5 个字）'
          onInput={(e) => update({ text: e.detail.value })}
          testId='input-comment'
        />
      </Field>
      <Field name='realName' label='真实姓名（选填）' error={errors.realName} hint='公开时只显示姓氏（如“张**”），姓名加密保存，仅起草部门可见。不填则显示为“网友”。'>
        <TextInput value={draft.realName} maxlength={20} placeholder='选填' onInput={(e) => update({ realName: e.detail.value })} testId='input-real-name' />
      </Field>
      <Toggle
        name='contactConsent'
        label='同意起草部门就这条意见联系我'
        description={boundPhone ? `通过您绑定的手机号 ${boundPhone} 联系` : '您尚未绑定手机号：可在“我的”绑定后，起草部门才能联系您'}
        checked={draft.contactConsent}
        onChange={(contactConsent) => update({ contactConsent })}
        error={errors.contactConsent}
      />
      {form.submitError ? <InlineMessage tone='error' testId='submit-error'>{form.submitError}</InlineMessage> : null}
      <AppButton className='cs-form__submit' loading={submitting} onClick={() => void form.submit()} testId='submit-comment'>
        {submitting ? '正在提交…' : '提交意见'}
      </AppButton>
      <Text className='cs-muted'>意见经审核后公开，审核前只有您本人能看到。内容已自动保存在本机，网络中断也不会丢失。</Text>
    </View>
  );
}

/** After a submission: 待审核 explained, and where to follow the comment. */
export function CommentSubmitted({ result, consultation }: { result: CommentCreateResponse; consultation: Pick<ConsultationDetail, 'id'> }) {
  return (
    <View className='cs-card cs-done' data-testid='comment-submitted' data-state={result.state}>
      <Text className='cs-done__title'>{result.replayed ? '这条意见此前已提交成功' : '意见已提交'}</Text>
      <Text className='cs-fact'>
        当前状态：<Text className='cs-state'>{result.stateLabel}</Text>
      </Text>
      <Text className='cs-text'>
        {result.state === 'pending'
          ? '工作人员审核通过后，这条意见会公开显示在对应条款下；审核前只有您本人能在“我的意见”中看到。征求期结束后，起草部门会对每条公开的意见给出处理结果，公布采纳情况时会通知您。'
          : '可在“我的意见”查看它的状态。'}
      </Text>
      <AppButton className='cs-done__action' testId='view-my-comments' onClick={() => openPage(consultationPages.mine(consultation.id))}>
        查看我的意见
      </AppButton>
      <AppButton className='cs-done__action' variant='text' testId='back-to-consultation' onClick={() => openPage(consultationPages.detail(consultation.id))}>
        返回征集页
      </AppButton>
    </View>
  );
}
