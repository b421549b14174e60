import { MeetingOpinionRequest, type MeetingOpinion, type User } from '@zwgk/contracts';
import { submitMeetingOpinion } from '../api';
import { draftOwner, opinionDrafts, type OpinionDraft } from '../lib/draft';
import { useSchemaForm, type UseSchemaForm } from '@/hooks';

export type UseOpinionForm = UseSchemaForm<OpinionDraft, 'text', MeetingOpinion>;

/** An observer's 列席意见: a device draft with its idempotency key, the contract's length rules. */
export function useOpinionForm(user: User, meetingId: string): UseOpinionForm {
  return useSchemaForm({
    store: opinionDrafts,
    owner: draftOwner(user.id, meetingId),
    empty: () => ({ text: '' }),
    fields: ['text'] as const,
    schema: MeetingOpinionRequest,
    requestOf: (v: OpinionDraft) => ({ text: v.text }),
    send: (body, key) => submitMeetingOpinion(meetingId, body, key),
    offlineMessage: '网络连接失败，意见已保存在本机，请稍后点“提交意见”重试（不会重复提交）',
  });
}
