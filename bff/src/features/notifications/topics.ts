import type { SubscribeFlow } from '@zwgk/contracts';
import type { Config } from '../../config';

/** A kind of subscribe message: its WeChat template, which keyword carries which value, and the flows that ask for it. */
export interface Topic {
  name: string;
  title: string;
  templateId: string;
  /** Template keyword → name of our value (e.g. thing2 → title). */
  fields: Record<string, string>;
  flows: SubscribeFlow[];
}

/** The configured topics (those with a template id); the one place that knows them all. */
export function topicsOf(config: Config): Topic[] {
  const all: Topic[] = [
    {
      name: 'case_progress',
      title: '诉求办理进度',
      templateId: config.WECHAT_TMPL_CASE_PROGRESS,
      fields: config.WECHAT_TMPL_CASE_PROGRESS_FIELDS,
      flows: ['hotline'],
    },
    {
      name: 'comment_outcome',
      title: '意见征集结果',
      templateId: config.WECHAT_TMPL_COMMENT_OUTCOME,
      fields: config.WECHAT_TMPL_COMMENT_OUTCOME_FIELDS,
      flows: ['consultation'],
    },
    {
      name: 'open_day',
      title: '开放日报名提醒',
      templateId: config.WECHAT_TMPL_OPEN_DAY,
      fields: config.WECHAT_TMPL_OPEN_DAY_FIELDS,
      flows: ['open_day'],
    },
    {
      name: 'meeting',
      title: '列席申请结果',
      templateId: config.WECHAT_TMPL_MEETING,
      fields: config.WECHAT_TMPL_MEETING_FIELDS,
      flows: ['meeting'],
    },
  ];
  return all.filter((t) => t.templateId);
}
