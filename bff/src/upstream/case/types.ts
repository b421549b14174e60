import { z } from 'zod';

/**
 * Shapes of the case system (12345 hotline) as the adapter hands them to the BFF.
 * Parsed in the adapter; fields the BFF has no use for (the citizen's contact details,
 * attachments, location echoed back) are dropped there so they travel no further.
 */
const time = z.iso.datetime({ offset: true });

export const CaseTicketType = z.enum(['consult', 'help', 'complaint', 'report', 'suggestion']);
export type CaseTicketType = z.infer<typeof CaseTicketType>;

/** 受理 → 派单 → 办理中 → 办结 → 回访. */
export const CaseTicketStatus = z.enum(['accepted', 'dispatched', 'processing', 'closed', 'visited']);
export type CaseTicketStatus = z.infer<typeof CaseTicketStatus>;

export const CaseRatingValue = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export type CaseRatingValue = z.infer<typeof CaseRatingValue>;

export const CaseTimelineEntry = z.object({
  status: CaseTicketStatus,
  at: time,
  department: z.string().nullable(),
  note: z.string(),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntry>;

export const CaseRating = z.object({
  rating: CaseRatingValue,
  comment: z.string().nullable().optional(),
  ratedAt: time.optional(),
});
export type CaseRating = z.infer<typeof CaseRating>;

export const CaseTicket = z.object({
  ticketNo: z.string().min(1),
  /** The key the ticket was created with; lets a resumed submission find its ticket. */
  idempotencyKey: z.string().optional(),
  type: CaseTicketType,
  title: z.string(),
  description: z.string(),
  status: CaseTicketStatus,
  department: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
  dueAt: time,
  timeline: z.array(CaseTimelineEntry),
  rating: CaseRating.nullable(),
});
export type CaseTicket = z.infer<typeof CaseTicket>;

export const CaseTicketPage = z.object({
  items: z.array(CaseTicket),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().nonnegative(),
});
export type CaseTicketPage = z.infer<typeof CaseTicketPage>;

/** What the BFF sends to open a ticket (the case system's `POST /api/tickets` body). */
export const CaseTicketInput = z.object({
  type: CaseTicketType,
  title: z.string(),
  description: z.string(),
  location: z.object({ address: z.string(), lat: z.number().optional(), lng: z.number().optional() }).optional(),
  contact: z.object({ name: z.string().optional(), phone: z.string().optional() }),
  contactAllowed: z.boolean(),
  anonymous: z.boolean(),
  attachments: z.array(z.object({ url: z.string(), mime: z.string() })).optional(),
  /** When the citizen submitted (ISO with offset), which may be earlier than delivery. */
  submittedAt: time,
});
export type CaseTicketInput = z.infer<typeof CaseTicketInput>;

export const CaseRateInput = z.object({
  rating: CaseRatingValue,
  comment: z.string().optional(),
  /** With an unsatisfied rating, asks the hotline to handle the case again (重办). */
  reopen: z.boolean().optional(),
});
export type CaseRateInput = z.infer<typeof CaseRateInput>;

const count = z.number().int().nonnegative();
export const CaseTypeStats = z.object({
  accepted: count,
  handled: count,
  handledOnTime: count,
  rated: count,
  satisfied: count,
  basicallySatisfied: count,
  unsatisfied: count,
});
export type CaseTypeStats = z.infer<typeof CaseTypeStats>;

export const CaseStats = z.object({
  generatedAt: time,
  months: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      // Keyed by string, not the type enum, so a type the hotline adds later does not break the panel.
      byType: z.record(z.string(), CaseTypeStats),
    }),
  ),
});
export type CaseStats = z.infer<typeof CaseStats>;

/** A status change the case system POSTs to the BFF. */
export const CaseStatusEvent = z.object({
  eventId: z.string().min(1),
  ticketNo: z.string().min(1),
  status: CaseTicketStatus,
  at: time,
  department: z.string().nullable(),
  note: z.string(),
});
export type CaseStatusEvent = z.infer<typeof CaseStatusEvent>;
