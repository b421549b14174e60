import { z } from 'zod';

/**
 * Portal records as the portal simulator serves them (portal-content.md plus the
 * `modifiedAt`/`revision` every record carries in the portal API). Parsed in the adapter;
 * nothing outside bff/src/upstream sees raw portal JSON.
 */
const time = z.string().datetime({ offset: true });
const meta = { id: z.string(), modifiedAt: time.optional(), revision: z.string().optional() };

export const PortalPolicy = z.object({
  ...meta,
  title: z.string(),
  docNo: z.string().optional().nullable(),
  issuer: z.string(),
  publishedAt: time,
  status: z.enum(['in_force', 'amended', 'repealed', 'expired']),
  topics: z.array(z.string()),
  body: z.string(),
  supersededBy: z.string().optional().nullable(),
  sourceUrl: z.string().optional().nullable(),
});
export type PortalPolicy = z.infer<typeof PortalPolicy>;

export const PortalInterpretation = z.object({
  ...meta,
  policyId: z.string(),
  title: z.string(),
  publishedAt: time,
  background: z.string(),
  goals: z.string(),
  mainPoints: z.array(z.string()),
  scope: z.string(),
  keyTerms: z.array(z.object({ term: z.string(), explanation: z.string() })),
  benefits: z.string().optional().nullable(),
  changes: z.string().optional().nullable(),
  notes: z.string().optional().nullable(),
  media: z
    .array(z.object({ kind: z.enum(['image', 'audio', 'video']), url: z.string(), caption: z.string() }))
    .optional()
    .nullable(),
});
export type PortalInterpretation = z.infer<typeof PortalInterpretation>;

export const PortalQa = z.object({
  ...meta,
  question: z.string(),
  answer: z.string(),
  policyId: z.string().optional().nullable(),
  interpretationId: z.string().optional().nullable(),
  topics: z.array(z.string()),
  updatedAt: time,
});
export type PortalQa = z.infer<typeof PortalQa>;

export const PortalConsultation = z.object({
  ...meta,
  title: z.string(),
  issuer: z.string(),
  summary: z.string(),
  draftText: z.string(),
  basis: z.array(z.object({ title: z.string(), url: z.string().optional().nullable() })),
  opensAt: time,
  closesAt: time,
});
export type PortalConsultation = z.infer<typeof PortalConsultation>;

export const PortalOpenDay = z.object({
  ...meta,
  title: z.string(),
  host: z.string(),
  description: z.string(),
  location: z.string(),
  registrationOpensAt: time,
  registrationClosesAt: time,
  sessions: z.array(z.object({ id: z.string(), startsAt: time, endsAt: time, capacity: z.number().int().nonnegative() })),
});
export type PortalOpenDay = z.infer<typeof PortalOpenDay>;

export const PortalMeeting = z.object({
  ...meta,
  title: z.string(),
  organizer: z.string(),
  startsAt: time,
  location: z.string(),
  agenda: z.array(z.string()),
  seats: z.object({
    public: z.number().int().nonnegative(),
    stakeholder: z.number().int().nonnegative(),
    expert: z.number().int().nonnegative(),
    media: z.number().int().nonnegative(),
  }),
  applicationClosesAt: time,
  selection: z.enum(['review', 'lottery']),
});
export type PortalMeeting = z.infer<typeof PortalMeeting>;

/** Collections of the portal API, by the path segment the portal uses. */
export const portalCollections = {
  policies: PortalPolicy,
  interpretations: PortalInterpretation,
  qas: PortalQa,
  consultations: PortalConsultation,
  'open-days': PortalOpenDay,
  meetings: PortalMeeting,
} as const;
export type PortalCollection = keyof typeof portalCollections;
export type PortalRecord<C extends PortalCollection> = z.infer<(typeof portalCollections)[C]>;
