import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { Router, badRequest, parseOr400, type Reply } from '../common/http';
import { fieldProblem, type Template } from './templates';

/** WeChat-style error body; WeChat answers these with HTTP 200. */
export const wxError = (errcode: number, errmsg: string): Reply => ({ json: { errcode, errmsg } });

/** Every openid the simulator hands out has this shape (see `openidFor`). */
const OPENID = /^o[A-Za-z0-9_-]{27}$/;
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
/** Messages kept for `/__sim/state`; older ones are dropped (the total is still counted). */
const MAX_KEPT_MESSAGES = 5000;
const MAX_KEPT_REFUSALS = 50;

export interface SentMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
  /** As sent, or WeChat's default `formal`. */
  miniprogram_state: string;
  /** As sent, or WeChat's default `zh_CN`. */
  lang: string;
  at: string;
}

interface Refusal {
  errcode: number;
  errmsg: string;
  touser: string | null;
  template_id: string | null;
  at: string;
}

interface Credit {
  openid: string;
  templateId: string;
  /** Sends still allowed (one per accepted `wx.requestSubscribeMessage`). */
  credits: number;
  granted: number;
  spent: number;
}

const grantSchema = z.strictObject({
  openid: z.string().regex(OPENID, 'expected an openid the simulator issues (o + 27 base64url characters)'),
  templateId: z.string().min(1),
  count: z.number().int().min(0).max(10_000),
});
const modeSchema = z.strictObject({ autoCredit: z.boolean() });
const forcedSchema = z.union([
  z.strictObject({ errcode: z.null() }),
  z.strictObject({
    errcode: z.number().int().refine((n) => n !== 0, 'errcode 0 is success, not an error'),
    errmsg: z.string().optional(),
    times: z.number().int().min(1).optional(),
  }),
]);

export interface SubscribeOptions {
  templates: Map<string, Template>;
  /** Unlimited credit for everyone (the H5 dev flow cannot really subscribe). */
  autoCredit: boolean;
}

/** Subscribe messages: templates, per-user one-time credits, and the log of what was sent. */
export class SubscribeMessages {
  private readonly templates: Map<string, Template>;
  private autoCredit: boolean;
  private readonly ledger = new Map<string, Credit>();
  private messages: SentMessage[] = [];
  private sentTotal = 0;
  private refused: Record<string, number> = {};
  private refusals: Refusal[] = [];
  private forced: { errcode: number; errmsg: string; remaining: number | null } | null = null;
  // 16-digit ids below 2^53, so that they survive JSON.parse exactly.
  private nextMsgid = 2_000_000_000_000_000 + randomInt(0, 2 ** 40);

  constructor(opts: SubscribeOptions) {
    this.templates = opts.templates;
    this.autoCredit = opts.autoCredit;
  }

  /**
   * Handles the body of `POST /cgi-bin/message/subscribe/send` once the access token has
   * been accepted. Checks run in WeChat's order of importance: body, template, openid,
   * data, then the user's credit.
   */
  send(rawBody: string): Reply {
    let body: unknown;
    try {
      body = JSON.parse(rawBody || 'null');
    } catch {
      return this.refuse(47001, 'data format error', null);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return this.refuse(47001, 'data format error', null);
    const b = body as Record<string, unknown>;
    const meta = {
      touser: typeof b.touser === 'string' ? b.touser : null,
      template_id: typeof b.template_id === 'string' ? b.template_id : null,
    };

    const template = meta.template_id === null ? undefined : this.templates.get(meta.template_id);
    if (!template) return this.refuse(40037, 'invalid template_id', meta);
    if (meta.touser === null || !OPENID.test(meta.touser)) return this.refuse(40003, 'invalid openid', meta);
    const openid = meta.touser;

    if (b.page !== undefined && typeof b.page !== 'string') return this.refuse(47003, 'argument invalid! page invalid', meta);
    if (b.miniprogram_state !== undefined && !MINIPROGRAM_STATES.includes(b.miniprogram_state as string)) {
      return this.refuse(47003, 'argument invalid! miniprogram_state invalid', meta);
    }
    if (b.lang !== undefined && !LANGS.includes(b.lang as string)) return this.refuse(47003, 'argument invalid! lang invalid', meta);
    const checked = this.checkData(template, b.data);
    if (typeof checked === 'string') return this.refuse(47003, `argument invalid! ${checked}`, meta);

    if (!this.autoCredit) {
      const credit = this.ledger.get(creditKey(openid, template.id));
      if (!credit || credit.credits <= 0) return this.refuse(43101, 'user refuse to accept the msg', meta);
      credit.credits -= 1;
      credit.spent += 1;
    }
    const message: SentMessage = {
      msgid: this.nextMsgid++,
      touser: openid,
      template_id: template.id,
      page: (b.page as string | undefined) ?? null,
      data: checked,
      miniprogram_state: (b.miniprogram_state as string | undefined) ?? 'formal',
      lang: (b.lang as string | undefined) ?? 'zh_CN',
      at: new Date().toISOString(),
    };
    this.messages.push(message);
    if (this.messages.length > MAX_KEPT_MESSAGES) this.messages.splice(0, this.messages.length - MAX_KEPT_MESSAGES);
    this.sentTotal += 1;
    return { json: { errcode: 0, errmsg: 'ok', msgid: message.msgid } };
  }

  /** The errcode forced by `PUT /__sim/send-errcode`, counted down; null when none is set. */
  takeForced(): Reply | null {
    const f = this.forced;
    if (!f) return null;
    if (f.remaining !== null && --f.remaining <= 0) this.forced = null;
    return this.refuse(f.errcode, f.errmsg, null);
  }

  /** A refusal that is counted in the state, for the send endpoint's token errors too. */
  refuse(errcode: number, errmsg: string, meta: Pick<Refusal, 'touser' | 'template_id'> | null): Reply {
    this.refused[errcode] = (this.refused[errcode] ?? 0) + 1;
    this.refusals.push({ errcode, errmsg, touser: meta?.touser ?? null, template_id: meta?.template_id ?? null, at: new Date().toISOString() });
    if (this.refusals.length > MAX_KEPT_REFUSALS) this.refusals.shift();
    return wxError(errcode, errmsg);
  }

  /** The data as WeChat would store it, or the reason it is refused (47003). */
  private checkData(template: Template, data: unknown): Record<string, { value: string }> | string {
    if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data is empty';
    const given = data as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      if (!(key in template.fields)) return `data.${key} is not a field of template ${template.id}`;
    }
    const out: Record<string, { value: string }> = {};
    for (const [key, type] of Object.entries(template.fields)) {
      const entry = given[key];
      if (entry === undefined) return `data.${key} is missing`;
      const value = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
      if (typeof value !== 'string') return `data.${key}.value must be a string`;
      const problem = fieldProblem(type, value);
      if (problem) return `data.${key}.value invalid: ${problem}`;
      out[key] = { value };
    }
    return out;
  }

  /** Adds `count` credits (count 0 takes all of them away). */
  grant(input: z.infer<typeof grantSchema>): Credit {
    if (!this.templates.has(input.templateId)) throw badRequest(`unknown templateId "${input.templateId}"`);
    const key = creditKey(input.openid, input.templateId);
    let credit = this.ledger.get(key);
    if (!credit) {
      credit = { openid: input.openid, templateId: input.templateId, credits: 0, granted: 0, spent: 0 };
      this.ledger.set(key, credit);
    }
    if (input.count === 0) credit.credits = 0;
    else {
      credit.credits += input.count;
      credit.granted += input.count;
    }
    return { ...credit };
  }

  /** Registers the `/__sim/*` controls of subscribe messages. */
  addControls(sim: Router): void {
    sim
      .post('/__sim/subscriptions', async (ctx) => ({ json: this.grant(parseOr400(grantSchema, await ctx.json())) }))
      .get('/__sim/subscriptions', () => ({ json: { autoCredit: this.autoCredit, ledger: this.ledgerList() } }))
      .add('DELETE', '/__sim/subscriptions', () => {
        const cleared = this.ledger.size;
        this.ledger.clear();
        return { json: { cleared } };
      })
      .put('/__sim/subscriptions/mode', async (ctx) => {
        this.autoCredit = parseOr400(modeSchema, await ctx.json()).autoCredit;
        return { json: { autoCredit: this.autoCredit } };
      })
      .get('/__sim/messages', (ctx) => {
        const touser = ctx.query.get('touser');
        const templateId = ctx.query.get('template_id');
        const messages = this.messages.filter((m) => (!touser || m.touser === touser) && (!templateId || m.template_id === templateId));
        return { json: { messages } };
      })
      .add('DELETE', '/__sim/messages', () => {
        const cleared = this.messages.length;
        this.messages = [];
        this.sentTotal = 0;
        this.refused = {};
        this.refusals = [];
        return { json: { cleared } };
      })
      .put('/__sim/send-errcode', async (ctx) => {
        const input = parseOr400(forcedSchema, await ctx.json());
        this.forced =
          input.errcode === null ? null : { errcode: input.errcode, errmsg: input.errmsg ?? 'simulated error', remaining: input.times ?? null };
        return { json: { forced: this.forced } };
      });
  }

  private ledgerList(): Credit[] {
    return [...this.ledger.values()].map((c) => ({ ...c }));
  }

  state() {
    return {
      templates: [...this.templates.values()],
      autoCredit: this.autoCredit,
      messages: this.messages,
      sent: this.sentTotal,
      refused: { ...this.refused },
      recentRefusals: this.refusals,
      credits: this.ledgerList(),
      forcedErrcode: this.forced,
    };
  }
}

const creditKey = (openid: string, templateId: string) => `${openid}\n${templateId}`;
