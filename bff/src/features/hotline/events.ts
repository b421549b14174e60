import type { IncomingMessage } from 'node:http';
import { ErrorCode, HotlineCaseEvent } from '@zwgk/contracts';
import { AppError, validationError } from '../../core/errors';
import { parseInput } from '../../core/http';
import type { Logger } from '../../core/logger';
import type { HotlineService } from './context';
import { verifyCaseEvent } from './signature';
import { applyParkedEvents, mergeCaseUpdate, positionOf } from './sync';

/** A status event is a few hundred bytes; anything over this is refused while it is read. */
export const CASE_EVENT_MAX_BYTES = 64 * 1024;

/**
 * Reads a status event's body as bytes (the signature covers the exact bytes), refusing it as
 * soon as it passes CASE_EVENT_MAX_BYTES. Errors: 413 too large.
 */
export async function readCaseEventBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > CASE_EVENT_MAX_BYTES) throw new AppError(ErrorCode.payloadTooLarge, 413, '提交的内容过大');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Takes in one signed status event from the case system (`X-Case-Timestamp`,
 * `X-Case-Signature` over the raw body). Outcomes: merged into its ticket's timeline
 * (`duplicate: false`); already known (`duplicate: true`, so the case system's retries are
 * no-ops); for a case ticket we have not mapped yet, parked and applied once the forwarder
 * records the mapping (`duplicate: false`). `log` hears about refused signatures (the
 * request's logger, so the line carries its request id).
 * Errors: 401 `bad_signature` (missing, malformed, stale or wrong); 400 body not JSON, not an
 * event, or an `eventId` that is not `<ticketNo>.<position>`.
 */
export async function receiveCaseEvent(
  ctx: HotlineService,
  headers: { timestamp?: string; signature?: string },
  raw: Buffer,
  log: Logger = ctx.logger,
): Promise<{ ok: true; duplicate: boolean }> {
  // The wall clock, not ctx.now(): the case system stamps events with its own real time.
  const reason = verifyCaseEvent(ctx.config.CASE_CALLBACK_SECRET, headers, raw, Date.now(), ctx.config.HOTLINE_CALLBACK_WINDOW_S * 1000);
  if (reason) {
    log.warn({ reason }, 'case event refused');
    throw new AppError(ErrorCode.badSignature, 401, '签名校验失败');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw validationError([{ field: 'body', message: '请求内容不是有效的 JSON' }]);
  }
  const event = parseInput(HotlineCaseEvent, json, '');
  const pos = positionOf(event.eventId, event.ticketNo);
  if (!pos) throw validationError([{ field: 'eventId', message: '事件编号格式不正确' }]);
  const entry = { pos, status: event.status, at: new Date(event.at), department: event.department, note: event.note };
  let outcome = await mergeCaseUpdate(ctx, { caseTicketNo: event.ticketNo }, { entries: [entry] });
  if (outcome === 'missing') {
    // The event beat our own record of the case ticket number: park it until the forwarder maps it.
    await ctx.models.ParkedEvent.updateOne(
      { eventId: event.eventId },
      { $setOnInsert: { ticketNo: event.ticketNo, status: event.status, at: entry.at, department: event.department, note: event.note } },
      { upsert: true },
    );
    if (await ctx.models.Ticket.exists({ caseTicketNo: event.ticketNo })) await applyParkedEvents(ctx, event.ticketNo);
    outcome = 'applied';
  }
  return { ok: true, duplicate: outcome === 'duplicate' };
}
