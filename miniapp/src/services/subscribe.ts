import Taro from '@tarojs/taro';
import { api, SubscribeResultRequest, type SubscribeFlow, type SubscriptionsResponse } from '@zwgk/contracts';
import { z } from 'zod';
import { call } from './client';
import { readStored, writeStored } from './deviceStorage';
import { ApiError } from './errors';
import { idempotencyHeaders, newIdempotencyKey } from './idempotency';
import { authMode } from './platform';
import { getSessionState } from './sessionStore';

/**
 * WeChat subscribe-message consent (wx.requestSubscribeMessage): which templates each flow asks
 * for, asking at the tap that starts the flow, and telling the BFF what the citizen answered so
 * it knows how many one-time messages it may send. The only place that branches on the platform
 * for it: H5 has no such API.
 */

export type SubscribeResults = z.infer<typeof SubscribeResultRequest>['results'];

/** wx.requestSubscribeMessage takes 3 templates in older clients (5 in newer ones). */
export const MAX_TEMPLATES_PER_ASK = 3;
/** How long the template ids of the flows are reused before they are read again. */
const CACHE_MS = 10 * 60_000;
/** Waits before the retries of a POST that got no answer (or a 5xx/429). */
const RETRY_DELAYS_MS = [1_000, 4_000, 15_000];
const PENDING_KEY = 'zwgk.subscribe.pending';
/** Answers older than this are dropped unsent: the citizen's credit would have been used by then. */
const PENDING_MAX_AGE_MS = 7 * 24 * 3_600_000;

const Pending = z.array(z.object({ key: z.string(), userId: z.string(), results: SubscribeResultRequest.shape.results, at: z.number() }));
type Pending = z.infer<typeof Pending>[number];

let cache: { userId: string; at: number; data: SubscriptionsResponse } | null = null;
let loading: Promise<SubscriptionsResponse | null> | null = null;
const sending = new Set<string>();

/**
 * Reads the template ids of every flow for the signed-in citizen (at most once per 10 minutes),
 * so that `askSubscribe` has them at the tap, and sends answers a previous launch could not.
 * Call it when a screen that starts a flow appears. Resolves null signed out or on failure;
 * never rejects.
 */
export function preloadSubscriptions(): Promise<SubscriptionsResponse | null> {
  const userId = signedInUser();
  if (!userId) return Promise.resolve(null);
  flushPending(userId);
  if (cache && cache.userId === userId && Date.now() - cache.at < CACHE_MS) return Promise.resolve(cache.data);
  loading ??= call(api.mySubscriptions)
    .then((data) => {
      if (signedInUser() === userId) cache = { userId, at: Date.now(), data };
      return data;
    })
    .catch(() => null)
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** The template ids `flow` asks for, from what preloadSubscriptions read (none before it has). */
export function templatesFor(flow: SubscribeFlow): string[] {
  const userId = signedInUser();
  if (!cache || cache.userId !== userId) return [];
  return (cache.data.flows[flow] ?? []).slice(0, MAX_TEMPLATES_PER_ASK);
}

/**
 * Asks the citizen for permission to send `flow`'s messages. Call it synchronously, first thing
 * in the tap handler that starts the flow (WeChat accepts wx.requestSubscribeMessage only inside
 * a tap), and do not wait for it: the answer is sent to the BFF in the background, retried when
 * there is no network, and nothing the citizen does next waits for it or fails with it.
 *
 * WeChat build: WeChat's own dialog. H5 (no such API): every template counts as accepted without
 * any UI, so that flows relying on the credit can be tried in a browser.
 * Resolves to the answers (null when nothing was asked: signed out, templates not loaded yet, or
 * the dialog failed); never rejects.
 */
export function askSubscribe(flow: SubscribeFlow): Promise<SubscribeResults | null> {
  const userId = signedInUser();
  const tmplIds = templatesFor(flow);
  if (!userId || !tmplIds.length) {
    // Too late for this tap; the next one will have them.
    void preloadSubscriptions();
    return Promise.resolve(null);
  }
  const answered = authMode() === 'wechat' ? requestInWechat(tmplIds) : Promise.resolve(acceptAll(tmplIds));
  return answered.then((results) => {
    if (results) send({ key: newIdempotencyKey(), userId, results, at: Date.now() });
    return results;
  });
}

function requestInWechat(tmplIds: string[]): Promise<SubscribeResults | null> {
  let asked: Promise<unknown>;
  try {
    // The Option type also demands Alipay's entityIds; WeChat reads tmplIds only.
    asked = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
  } catch {
    return Promise.resolve(null);
  }
  return Promise.resolve(asked).then(
    (res) => {
      const raw = res as unknown as Record<string, unknown>;
      const results: SubscribeResults = {};
      for (const id of tmplIds) {
        const answer = raw[id];
        if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') results[id] = answer;
      }
      return Object.keys(results).length ? results : null;
    },
    // 20004 (the citizen turned messages off), 10002/10003 (network), …: nothing to record.
    () => null,
  );
}

function acceptAll(tmplIds: string[]): SubscribeResults {
  return Object.fromEntries(tmplIds.map((id) => [id, 'accept' as const]));
}

/** Keeps the answer on the device until the BFF has it, then POSTs it with its own key. */
function send(item: Pending): void {
  writePending([...readPending().filter((p) => p.key !== item.key), item]);
  void deliver(item);
}

async function deliver(item: Pending): Promise<void> {
  if (sending.has(item.key)) return;
  sending.add(item.key);
  try {
    for (let attempt = 0; ; attempt++) {
      if (signedInUser() !== item.userId) return; // kept for when this citizen signs in again
      try {
        const data = await call(api.recordSubscriptions, { body: { results: item.results }, headers: idempotencyHeaders(item.key) });
        cache = { userId: item.userId, at: Date.now(), data };
        forget(item.key);
        return;
      } catch (error) {
        if (!retryable(error)) {
          forget(item.key);
          return;
        }
        if (attempt >= RETRY_DELAYS_MS.length) return; // kept: the next preload sends it again
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  } finally {
    sending.delete(item.key);
  }
}

/** No answer, a 5xx or a 429 may pass on a retry; a 4xx will not. */
function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

function flushPending(userId: string): void {
  for (const item of readPending()) if (item.userId === userId) void deliver(item);
}

function readPending(): Pending[] {
  const parsed = Pending.safeParse(readStored(PENDING_KEY));
  if (!parsed.success) return [];
  return parsed.data.filter((p) => Date.now() - p.at < PENDING_MAX_AGE_MS);
}

function writePending(items: Pending[]): void {
  writeStored(PENDING_KEY, items);
}

function forget(key: string): void {
  writePending(readPending().filter((p) => p.key !== key));
}

function signedInUser(): string | null {
  const session = getSessionState();
  return session.status === 'authenticated' ? session.user.id : null;
}

/** Forgets the cached template ids (tests, sign-out). */
export function resetSubscribeCache(): void {
  cache = null;
  loading = null;
}
