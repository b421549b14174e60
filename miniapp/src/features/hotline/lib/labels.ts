/** Chinese names of the hotline's types, statuses and ratings, shared by every hotline screen. */

export const typeOptions = [
  { value: 'consult', label: '咨询', hint: '问政策、问办事流程' },
  { value: 'help', label: '求助', hint: '生活中遇到困难需要帮助' },
  { value: 'complaint', label: '投诉', hint: '对服务或侵害自身权益的行为不满' },
  { value: 'report', label: '举报', hint: '反映违法违规行为' },
  { value: 'suggestion', label: '建议', hint: '对城市管理和公共服务的意见' },
] as const;

export type TicketTypeValue = (typeof typeOptions)[number]['value'];

export const typeLabels: Record<string, string> = Object.fromEntries(typeOptions.map((o) => [o.value, o.label]));

/** 受理 → 派单 → 办理中 → 办结 → 回访, in order. */
export const statusSteps = [
  { status: 'accepted', label: '受理' },
  { status: 'dispatched', label: '派单' },
  { status: 'processing', label: '办理中' },
  { status: 'closed', label: '办结' },
  { status: 'visited', label: '回访' },
] as const;

export const statusLabels: Record<string, string> = Object.fromEntries(statusSteps.map((s) => [s.status, s.label]));

export const ratingOptions = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
] as const;

export const ratingLabels: Record<string, string> = Object.fromEntries(ratingOptions.map((o) => [o.value, o.label]));

/** Label of a type/status/rating value, or the value itself for one this build does not know. */
export function labelOf(table: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '—';
  return table[value] ?? value;
}
