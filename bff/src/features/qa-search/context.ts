import type { QaDoc } from './engine';

/** The parts of a policy the search reads (portal policy records have more). */
export interface LinkedPolicy {
  id: string;
  title: string;
  body?: string;
}

/** The parts of an interpretation the search reads: the government's own glossary and summary. */
export interface LinkedInterpretation {
  id: string;
  policyId: string;
  title: string;
  background?: string;
  goals?: string;
  mainPoints?: string[];
  keyTerms?: Array<{ term: string; explanation: string }>;
}

/** A Q&A as the portal lists it (the fields linking it to its policy and interpretation). */
export interface LinkableQa {
  id: string;
  question: string;
  answer: string;
  policyId?: string | null;
  interpretationId?: string | null;
  topics: string[];
}

/**
 * Text of what a Q&A links to, indexed with it at a lower weight (the engine's context
 * channel): its policy's title and the interpretations of that policy — title, key terms with
 * their explanations (关键词诠释), main points, background and goals. A citizen's word that only
 * the glossary uses (a key term's everyday explanation) then still finds the Q&A. The policy's
 * body is left out by default: it is long, shared by every Q&A of the policy and, measured on
 * the demo content, dilutes more than it helps (see README).
 */
export function contextText(qa: LinkableQa, policies: Map<string, LinkedPolicy>, interpretationsByPolicy: Map<string, LinkedInterpretation[]>, interpretationsById: Map<string, LinkedInterpretation>, { body = false } = {}): string {
  const parts: string[] = [];
  const policy = qa.policyId ? policies.get(qa.policyId) : undefined;
  if (policy) parts.push(policy.title);
  const ints = new Map<string, LinkedInterpretation>();
  if (qa.interpretationId) {
    const i = interpretationsById.get(qa.interpretationId);
    if (i) ints.set(i.id, i);
  }
  for (const i of qa.policyId ? (interpretationsByPolicy.get(qa.policyId) ?? []) : []) ints.set(i.id, i);
  for (const i of ints.values()) {
    parts.push(i.title);
    for (const k of i.keyTerms ?? []) parts.push(`${k.term}：${k.explanation}`);
    parts.push(...(i.mainPoints ?? []), i.background ?? '', i.goals ?? '');
  }
  if (body && policy?.body) parts.push(policy.body);
  return parts.filter(Boolean).join('\n');
}

/** The Q&As as engine entries, each with the text of its policy and interpretations as context. */
export function linkContext(qas: LinkableQa[], policies: LinkedPolicy[], interpretations: LinkedInterpretation[], opts: { body?: boolean } = {}): QaDoc[] {
  const pol = new Map(policies.map((p) => [p.id, p]));
  const byPolicy = new Map<string, LinkedInterpretation[]>();
  for (const i of interpretations) {
    const xs = byPolicy.get(i.policyId) ?? [];
    xs.push(i);
    byPolicy.set(i.policyId, xs);
  }
  const byId = new Map(interpretations.map((i) => [i.id, i]));
  return qas.map((q) => ({
    id: q.id,
    question: q.question,
    answer: q.answer,
    policyId: q.policyId ?? null,
    topics: q.topics,
    context: contextText(q, pol, byPolicy, byId, opts) || undefined,
  }));
}
