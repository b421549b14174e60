/**
 * Keyword types of WeChat subscribe-message templates. Each has length and format limits;
 * WeChat refuses a message that breaks one with errcode 47003.
 */
export type WechatFieldType = 'thing' | 'phrase' | 'time' | 'date' | 'character_string' | 'number' | 'name';

export type TemplateDataCheck =
  | {
      ok: true;
      /** The data to send; equal to the input except for shortened `thing` values. */
      data: Record<string, string>;
      /** Keys whose `thing` value was longer than 20 characters and was shortened to 19 + '…'. */
      truncated: string[];
    }
  | { ok: false; problems: string[] };

const THING_MAX = 20;
const ELLIPSIS = '…';

/** Characters, not UTF-16 units: WeChat counts a rare Han character as one. */
const chars = (s: string) => [...s];

const DATE = String.raw`\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
/** time: a clock time with an optional date before it; date: a date with an optional clock time. */
const TIME_POINT = new RegExp(`^(?:${DATE}\\s+)?${CLOCK}$`);
const DATE_POINT = new RegExp(`^${DATE}(?:\\s+${CLOCK})?$`);

/** Whether every number in a date/time string is in range (month 1–12, a real day, 23:59:59). */
function inRange(point: string): boolean {
  const date = /^(\d{4})\D(\d{1,2})\D(\d{1,2})/.exec(point);
  if (date) {
    const [y, m, d] = date.slice(1).map(Number);
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (m < 1 || m > 12 || d < 1 || d > lastDay) return false;
  }
  const clock = /(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(point);
  if (clock && (Number(clock[1]) > 23 || Number(clock[2]) > 59 || Number(clock[3] ?? 0) > 59)) return false;
  return true;
}

/** A single point or a range `a~b`, as WeChat accepts for time and date keywords. */
function moment(value: string, point: RegExp): boolean {
  const ends = value.split('~').map((e) => e.trim());
  return ends.length <= 2 && ends.every((e) => point.test(e) && inRange(e));
}

/** The rule of each type: null when `value` is acceptable, else why not. */
const RULES: Record<WechatFieldType, (value: string) => string | null> = {
  thing: () => null, // length is handled by truncation
  phrase: (v) => (/^\p{Script=Han}{1,5}$/u.test(v) ? null : 'must be at most 5 Chinese characters'),
  time: (v) => (moment(v, TIME_POINT) ? null : 'must be a time such as "2026-12-01 15:01" or "2026年12月01日 15:01"'),
  date: (v) => (moment(v, DATE_POINT) ? null : 'must be a date such as "2026-12-01" or "2026年12月01日", optionally with a time'),
  character_string: (v) => (/^[\x21-\x7e]{1,32}$/.test(v) ? null : 'must be at most 32 letters, digits or symbols'),
  number: (v) => (/^\d+(?:\.\d+)?$/.test(v) && v.replace('.', '').length <= 32 ? null : 'must be at most 32 digits, optionally with a decimal point'),
  name: (v) => {
    if (!/^[\p{Script=Han}A-Za-z ·.-]+$/u.test(v)) return 'must be Chinese characters or letters';
    const limit = /\p{Script=Han}/u.test(v) ? 10 : 20;
    return chars(v).length <= limit ? null : 'must be at most 10 Chinese characters or 20 letters';
  },
};

/**
 * Checks template data against WeChat's per-type limits before sending, so that a bad value
 * is found in the BFF instead of costing a 47003 (and, for a one-time subscription, the
 * citizen's only notice). Every declared key must be present and no other key may be.
 *
 * One deliberate leniency: a `thing` value over 20 characters (a long case title, a note) is
 * shortened to its first 19 characters + '…' and listed in `truncated`, because a shortened
 * title still tells the citizen what the message is about. Every other problem fails the
 * check: a wrong status word, time or tracking number would tell them something false.
 */
export function checkTemplateData(fields: Record<string, WechatFieldType>, data: Record<string, string>): TemplateDataCheck {
  const problems: string[] = [];
  const out: Record<string, string> = {};
  const truncated: string[] = [];
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(fields, key)) problems.push(`${key}: not a field of the template`);
  }
  for (const [key, type] of Object.entries(fields)) {
    const value = data[key];
    if (typeof value !== 'string') {
      problems.push(`${key}: missing`);
      continue;
    }
    if (value.trim() === '') {
      problems.push(`${key}: empty`);
      continue;
    }
    // Callers may derive types from keyword names (thing2 → thing); one WeChat has but we do not know fails here.
    const rule = Object.hasOwn(RULES, type) ? RULES[type] : undefined;
    if (!rule) {
      problems.push(`${key}: unsupported field type "${type}"`);
      continue;
    }
    const problem = rule(value);
    if (problem) {
      problems.push(`${key}: ${type} ${problem}`);
      continue;
    }
    if (type === 'thing' && chars(value).length > THING_MAX) {
      out[key] = chars(value).slice(0, THING_MAX - 1).join('') + ELLIPSIS;
      truncated.push(key);
    } else {
      out[key] = value;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, data: out, truncated };
}
