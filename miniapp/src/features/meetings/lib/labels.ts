import type { ApplicationStatus, MeetingPhase, MeetingSelection, MyMeetingApplication } from '@zwgk/contracts';

type Tone = 'plain' | 'accent' | 'info';

/** 接受申请 needs attention (a deadline); selecting and decided are news; a held meeting is history. */
export function phaseTone(phase: MeetingPhase): Tone {
  if (phase === 'open') return 'accent';
  return phase === 'held' ? 'plain' : 'info';
}

export function statusTone(status: ApplicationStatus): Tone {
  if (status === 'selected') return 'accent';
  if (status === 'confirmed' || status === 'reserve') return 'info';
  return 'plain';
}

/** How observers are chosen, in one plain sentence. */
export function selectionSentence(selection: MeetingSelection): string {
  return selection === 'review'
    ? '申请截止后，由会议组织单位根据申请理由和资格逐一审核选定，每个类别不超过名额，并告知每位申请人理由。'
    : '申请截止后名单立即冻结并公开其哈希值，再用事先公布来源的公开随机数按公开算法抽签，任何人都可以复核结果。';
}

/** What happens next for an application, in the citizen's words. */
/** `selection` null: not known here (我的列席申请 lists applications without their meetings). */
export function nextStepOf(app: Pick<MyMeetingApplication, 'status' | 'reserveRank'>, selection: MeetingSelection | null): string {
  switch (app.status) {
    case 'submitted':
      if (selection === 'lottery') return '申请截止后公开抽签，您的抽签号会出现在冻结名单中；结果公布后通知您。';
      if (selection === 'review') return '申请截止后由组织单位审核，结果和理由会通知您。';
      return '申请截止后进行选定，结果会通知您。';
    case 'selected':
      return '您已被选定列席，请在会议开始前确认参加；如不能参加请放弃，名额将由候补递补。';
    case 'confirmed':
      return '请按时凭身份证件到会场列席。会议开始后，您可以提交列席意见。';
    case 'reserve':
      return `您在候补第 ${app.reserveRank ?? '-'} 位：选定人员放弃时按顺序递补，递补时会通知您。`;
    case 'declined':
      return '本次未被选定，感谢您的关注。';
    case 'withdrawn':
      return '申请已撤回。';
  }
}

/** The label of the withdraw action: before the close it withdraws, afterwards it gives up a seat. */
export function withdrawLabelOf(status: ApplicationStatus): string {
  if (status === 'selected' || status === 'confirmed') return '放弃列席';
  if (status === 'reserve') return '放弃候补';
  return '撤回申请';
}

/** What the confirm dialog says before a withdrawal. */
export function withdrawWarningOf(status: ApplicationStatus): { title: string; content: string } {
  if (status === 'selected' || status === 'confirmed') {
    return { title: '放弃列席？', content: '放弃后名额由下一位候补递补，递补结果公开；放弃不能恢复。' };
  }
  if (status === 'reserve') return { title: '放弃候补？', content: '放弃后您不再递补本次会议，不能恢复。' };
  return { title: '撤回申请？', content: '撤回后不参加本次选定。申请截止前您可以重新申请。' };
}
