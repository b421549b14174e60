import { MeetingApplyRequest, type MeetingApplyResponse, type User } from '@zwgk/contracts';
import { applyToMeeting } from '../api';
import { applyDrafts, applyRequestOf, draftOwner, emptyApplyDraft, type ApplyDraft } from '../lib/draft';
import { useSchemaForm, type UseSchemaForm } from '@/hooks';

export type ApplyField = 'category' | 'name' | 'reason' | 'organisation' | 'qualification';
export type UseApplyForm = UseSchemaForm<ApplyDraft, ApplyField, MeetingApplyResponse>;

const FIELDS: readonly ApplyField[] = ['category', 'name', 'reason', 'organisation', 'qualification'];

/**
 * The application form of one meeting: kept on the device per citizen and meeting with its
 * idempotency key; the contract's messages per field (单位 and 资格说明 for non-public
 * categories); consent to the result message asked in the tap.
 */
export function useApplyForm(user: User, meetingId: string): UseApplyForm {
  return useSchemaForm({
    store: applyDrafts,
    owner: draftOwner(user.id, meetingId),
    empty: emptyApplyDraft,
    fields: FIELDS,
    schema: MeetingApplyRequest,
    requestOf: applyRequestOf,
    send: (body, key) => applyToMeeting(meetingId, body, key),
    flow: 'meeting',
    offlineMessage: '网络连接失败，申请已保存在本机，请稍后点“提交申请”重试（不会重复申请）',
  });
}
