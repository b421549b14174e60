import { z } from 'zod';
import { isoTime } from '../common/time';

// Optional fields also accept `null` (many CMS exports write null for "absent"); it is
// normalised away so that records never carry null for an optional field.
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const id = () => z.string().min(1, 'expected a non-empty string');
const text = () => z.string();
const count = () => z.number().int().min(0);

export const policySchema = z.object({
  id: id(),
  title: text(),
  docNo: opt(text()),
  issuer: text(),
  publishedAt: isoTime(),
  status: z.enum(['in_force', 'amended', 'repealed', 'expired']),
  topics: z.array(text()),
  body: text(),
  supersededBy: opt(text()),
  sourceUrl: opt(text()),
});

export const interpretationSchema = z.object({
  id: id(),
  policyId: text(),
  title: text(),
  publishedAt: isoTime(),
  background: text(),
  goals: text(),
  mainPoints: z.array(text()),
  scope: text(),
  keyTerms: z.array(z.object({ term: text(), explanation: text() })),
  benefits: opt(text()),
  changes: opt(text()),
  notes: opt(text()),
  media: opt(z.array(z.object({ kind: z.enum(['image', 'audio', 'video']), url: text(), caption: text() }))),
});

export const qaSchema = z.object({
  id: id(),
  question: text(),
  answer: text(),
  policyId: opt(text()),
  interpretationId: opt(text()),
  topics: z.array(text()),
  updatedAt: isoTime(),
});

export const consultationSchema = z.object({
  id: id(),
  title: text(),
  issuer: text(),
  summary: text(),
  draftText: text(),
  basis: z.array(z.object({ title: text(), url: opt(text()) })),
  opensAt: isoTime(),
  closesAt: isoTime(),
});

export const openDaySchema = z.object({
  id: id(),
  title: text(),
  host: text(),
  description: text(),
  location: text(),
  registrationOpensAt: isoTime(),
  registrationClosesAt: isoTime(),
  sessions: z.array(z.object({ id: id(), startsAt: isoTime(), endsAt: isoTime(), capacity: count() })),
});

export const meetingSchema = z.object({
  id: id(),
  title: text(),
  organizer: text(),
  startsAt: isoTime(),
  location: text(),
  agenda: z.array(text()),
  seats: z.object({ public: count(), stakeholder: count(), expert: count(), media: count() }),
  applicationClosesAt: isoTime(),
  selection: z.enum(['review', 'lottery']),
});

export const COLLECTIONS = ['policies', 'interpretations', 'qas', 'consultations', 'open-days', 'meetings'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

interface CollectionSpec {
  file: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** Top-level string fields a client may sort by. */
  stringFields: string[];
  /** The subset of `stringFields` holding times (sorted by instant, not by text). */
  timeFields: string[];
}

export const COLLECTION_SPECS: Record<CollectionName, CollectionSpec> = {
  policies: {
    file: 'policies.json',
    schema: policySchema,
    stringFields: ['id', 'title', 'docNo', 'issuer', 'publishedAt', 'status', 'body', 'supersededBy', 'sourceUrl'],
    timeFields: ['publishedAt'],
  },
  interpretations: {
    file: 'interpretations.json',
    schema: interpretationSchema,
    stringFields: ['id', 'policyId', 'title', 'publishedAt', 'background', 'goals', 'scope', 'benefits', 'changes', 'notes'],
    timeFields: ['publishedAt'],
  },
  qas: {
    file: 'qas.json',
    schema: qaSchema,
    stringFields: ['id', 'question', 'answer', 'policyId', 'interpretationId', 'updatedAt'],
    timeFields: ['updatedAt'],
  },
  consultations: {
    file: 'consultations.json',
    schema: consultationSchema,
    stringFields: ['id', 'title', 'issuer', 'summary', 'draftText', 'opensAt', 'closesAt'],
    timeFields: ['opensAt', 'closesAt'],
  },
  'open-days': {
    file: 'open-days.json',
    schema: openDaySchema,
    stringFields: ['id', 'title', 'host', 'description', 'location', 'registrationOpensAt', 'registrationClosesAt'],
    timeFields: ['registrationOpensAt', 'registrationClosesAt'],
  },
  meetings: {
    file: 'meetings.json',
    schema: meetingSchema,
    stringFields: ['id', 'title', 'organizer', 'startsAt', 'location', 'applicationClosesAt', 'selection'],
    timeFields: ['startsAt', 'applicationClosesAt'],
  },
};

export const isCollectionName = (s: string): s is CollectionName => (COLLECTIONS as readonly string[]).includes(s);
