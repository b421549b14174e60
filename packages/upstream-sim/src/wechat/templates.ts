import { z } from 'zod';

/**
 * Keyword types of subscribe-message templates and their limits, as WeChat documents them.
 * The BFF has its own pre-check (`checkTemplateData` in bff/src/upstream/wechat/client.ts);
 * this file is the simulator's independent reading of WeChat's rules, so that a mistake in
 * one of the two shows up in the tests instead of being shared.
 */
export const FIELD_TYPES = ['thing', 'phrase', 'time', 'date', 'character_string', 'number', 'name'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Template {
  id: string;
  title: string;
  /** keyword key (e.g. `thing2`) → its type */
  fields: Record<string, FieldType>;
}

/** Templates every simulator knows; `WECHAT_SIM_TEMPLATES` may override or add to them. */
export const DEFAULT_TEMPLATES: readonly Template[] = [
  {
    id: 'sim-tmpl-case-progress',
    title: '诉求办理进度通知',
    fields: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase', time4: 'time', thing5: 'thing' },
  },
  {
    id: 'sim-tmpl-comment-outcome',
    title: '意见征集结果通知',
    fields: { thing1: 'thing', phrase2: 'phrase', thing3: 'thing', time4: 'time' },
  },
  {
    id: 'sim-tmpl-event-registration',
    title: '活动报名结果通知',
    fields: { thing1: 'thing', phrase2: 'phrase', time3: 'time', thing4: 'thing' },
  },
  {
    id: 'sim-tmpl-meeting-result',
    title: '列席申请结果通知',
    fields: { thing1: 'thing', phrase2: 'phrase', time3: 'time', thing4: 'thing' },
  },
];

/** WeChat templates carry at most five keywords. */
const MAX_FIELDS = 5;

const templateConfigSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'template id must be 1–128 of [A-Za-z0-9_-]'),
  z.strictObject({
    title: z.string().trim().min(1).max(50),
    fields: z
      .record(z.string(), z.enum(FIELD_TYPES))
      .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= MAX_FIELDS, {
        message: `a template has 1–${MAX_FIELDS} fields`,
      })
      .superRefine((fields, ctx) => {
        // WeChat names every keyword after its type: thing1, character_string2, ...
        for (const [key, type] of Object.entries(fields)) {
          if (!new RegExp(`^${type}\\d{1,2}$`).test(key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: `key "${key}" must be "${type}" followed by a number` });
          }
        }
      }),
  }),
);

/**
 * The default templates merged with `WECHAT_SIM_TEMPLATES` (JSON
 * `{"<id>": {"title": "...", "fields": {"thing1": "thing"}}}`); an id that is already known
 * is replaced. Throws with one line per problem when the JSON is invalid.
 */
export function loadTemplates(raw: string | undefined): Map<string, Template> {
  const templates = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, { ...t, fields: { ...t.fields } }]));
  if (!raw || !raw.trim()) return templates;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`WECHAT_SIM_TEMPLATES is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = templateConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `WECHAT_SIM_TEMPLATES${i.path.map((p) => `.${String(p)}`).join('')}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  for (const [id, t] of Object.entries(parsed.data)) templates.set(id, { id, title: t.title, fields: t.fields });
  return templates;
}

const HAN = /^\p{Script=Han}+$/u;
const HAS_HAN = /\p{Script=Han}/u;
const NAME_CHARS = /^[\p{Script=Han}A-Za-z ·.\-]+$/u;
const PRINTABLE_ASCII = /^[!-~]+$/;
const NUMBER = /^\d+(\.\d+)?$/;
const DATE_PART = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;
const CLOCK_PART = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const length = (s: string) => Array.from(s).length;

function validDate(s: string): boolean {
  const m = DATE_PART.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validClock(s: string): boolean {
  const m = CLOCK_PART.exec(s);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || Number(m[3]) <= 59);
}

/**
 * One point in time: `[date] [clock]`. `needs` says which part must be present
 * (time keywords need a clock, date keywords a date; the other part is optional).
 */
function validPoint(s: string, needs: 'clock' | 'date'): boolean {
  const parts = s.trim().split(/\s+/);
  if (parts.length === 2) return validDate(parts[0]) && validClock(parts[1]);
  if (parts.length !== 1) return false;
  return needs === 'clock' ? validClock(parts[0]) : validDate(parts[0]);
}

/** A point or a range `a~b`, as WeChat allows for time and date keywords. */
const validMoment = (s: string, needs: 'clock' | 'date') => {
  const ends = s.split('~');
  return ends.length <= 2 && ends.every((e) => validPoint(e, needs));
};

/** Why `value` breaks the rules of `type`, or null when it is acceptable. */
export function fieldProblem(type: FieldType, value: string): string | null {
  if (value.trim() === '') return 'is empty';
  switch (type) {
    case 'thing':
      return length(value) <= 20 ? null : 'thing allows at most 20 characters';
    case 'phrase':
      return length(value) <= 5 && HAN.test(value) ? null : 'phrase allows at most 5 Chinese characters';
    case 'time':
      return validMoment(value, 'clock') ? null : 'time must look like "15:01", "2026-12-01 15:01" or "2026年12月01日 15:01"';
    case 'date':
      return validMoment(value, 'date') ? null : 'date must look like "2026-12-01", "2026年12月01日" or "2026-12-01 15:01"';
    case 'character_string':
      return length(value) <= 32 && PRINTABLE_ASCII.test(value) ? null : 'character_string allows at most 32 letters, digits or symbols';
    case 'number':
      return NUMBER.test(value) && value.replace('.', '').length <= 32 ? null : 'number allows at most 32 digits with an optional decimal point';
    case 'name':
      if (!NAME_CHARS.test(value)) return 'name allows Chinese characters or letters only';
      return length(value) <= (HAS_HAN.test(value) ? 10 : 20) ? null : 'name allows at most 10 Chinese characters or 20 letters';
  }
}
