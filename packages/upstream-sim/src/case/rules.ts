import { createHash } from 'node:crypto';
import { findWorkday } from 'chinese-days';
import { chinaDate } from '../common/time';

export const TICKET_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const STATUSES = ['accepted', 'dispatched', 'processing', 'closed', 'visited'] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** Status codes and how the hotline names them. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  accepted: '受理',
  dispatched: '派单',
  processing: '办理中',
  closed: '办结',
  visited: '回访',
};

/** Handling deadline per ticket type, in working days on the official Chinese calendar. */
export const DUE_WORKING_DAYS: Record<TicketType, number> = {
  consult: 3,
  help: 5,
  complaint: 10,
  report: 15,
  suggestion: 15,
};

/**
 * Deadline of a ticket: the end (23:59:59 China time) of the Nth working day after the
 * day it was accepted, skipping weekends and public holidays and counting make-up days.
 */
export function dueAtFor(type: TicketType, createdMs: number): string {
  const day = findWorkday(DUE_WORKING_DAYS[type], chinaDate(createdMs));
  return `${day}T23:59:59+08:00`;
}

// Keyword routing, first match wins; the order puts the more specific topics first.
const KEYWORD_ROUTES: Array<[RegExp, string]> = [
  [/医保|医疗保险|报销|异地就医/, '市医疗保障局'],
  [/社保|养老保险|失业|欠薪|工资|劳动|就业|人才/, '市人力资源和社会保障局'],
  [/公积金/, '市住房公积金管理中心'],
  [/低保|救助|养老院|殡葬|婚姻登记|残疾|困难/, '市民政局'],
  [/噪音|噪声|油烟|污染|排污|扬尘|异味/, '市生态环境局'],
  [/垃圾|环卫|占道|违建|违章建筑|路灯|井盖|绿化/, '市城市管理局'],
  [/物业|房屋|住房|楼盘|商品房|电梯|施工/, '市住房和城乡建设局'],
  [/公交|地铁|出租车|网约车|道路|交通|停车/, '市交通运输局'],
  [/食品|餐饮|价格|消费|商家|市场|假冒|退款/, '市市场监督管理局'],
  [/学校|教育|入学|幼儿园|培训|学生/, '市教育局'],
  [/医院|医生|卫生|疫苗|诊所|看病/, '市卫生健康委员会'],
  [/供水|停水|水压|排水|积水|河道/, '市水务局'],
  [/治安|报警|户口|户籍|身份证|诈骗/, '市公安局'],
  [/税|发票/, '市税务局'],
  [/政务公开|信息公开|政策|办事|审批|政务服务/, '市政务服务和数据管理局'],
];

// Fallback per type when no keyword matches; the ticket title picks one deterministically.
const FALLBACK: Record<TicketType, string[]> = {
  consult: ['市政务服务和数据管理局', '市人力资源和社会保障局', '市民政局'],
  help: ['市民政局', '市城市管理局', '市水务局'],
  complaint: ['市市场监督管理局', '市城市管理局', '市住房和城乡建设局'],
  report: ['市市场监督管理局', '市公安局', '市生态环境局'],
  suggestion: ['市发展和改革委员会', '市城市管理局', '市交通运输局'],
};

/**
 * Picks the handling department from the ticket text (the title decides before the
 * description), else deterministically by type.
 */
export function pickDepartment(type: TicketType, title: string, description: string): string {
  for (const text of [title, description]) {
    for (const [pattern, department] of KEYWORD_ROUTES) if (pattern.test(text)) return department;
  }
  const options = FALLBACK[type];
  const h = createHash('sha1').update(`${type}:${title}`).digest().readUInt32BE(0);
  return options[h % options.length];
}
