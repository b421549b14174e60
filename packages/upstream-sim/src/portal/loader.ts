import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { formatPath } from '../common/http';
import { COLLECTIONS, COLLECTION_SPECS, type CollectionName } from './schema';

export type ContentRecord = Record<string, unknown> & { id: string };

/** Validated content of one directory: records per collection, in file order. */
export type ContentSet = Record<CollectionName, ContentRecord[]>;

/** Thrown when a content directory breaks the contract; `issues` are one line each. */
export class ContentValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
    this.name = 'ContentValidationError';
  }
}

export interface LoadResult {
  content: ContentSet;
  /** Problems that do not break the format (e.g. dangling cross-references). */
  warnings: string[];
}

/** Default content directory: the package's own `content/`, independent of cwd. */
export const DEFAULT_CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

const MAX_ISSUES_PER_FILE = 20;

/**
 * Reads and validates all six collection files of a content directory
 * (see /work/shared/upstream/portal-content.md). A missing file is an empty collection;
 * unknown fields are dropped. Throws ContentValidationError naming file, record index
 * and field, e.g. `policies.json[3].status: expected one of in_force|amended|repealed|expired`.
 */
export function loadPortalContent(dir: string): LoadResult {
  const issues: string[] = [];
  const content = {} as ContentSet;
  for (const name of COLLECTIONS) {
    const file = COLLECTION_SPECS[name].file;
    let raw: string;
    try {
      raw = fs.readFileSync(path.join(dir, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        content[name] = [];
        continue;
      }
      issues.push(`${file}: cannot read file: ${(err as Error).message}`);
      continue;
    }
    const result = validateCollection(name, raw);
    if (result.ok) content[name] = result.records;
    else issues.push(...result.issues);
  }
  if (issues.length) throw new ContentValidationError(issues);
  return { content, warnings: crossReferenceWarnings(content) };
}

/** Validates the text of one collection file; issues are prefixed with the file name. */
export function validateCollection(
  name: CollectionName,
  raw: string,
): { ok: true; records: ContentRecord[] } | { ok: false; issues: string[] } {
  const { file, schema } = COLLECTION_SPECS[name];
  let data: unknown;
  try {
    // Tolerate a UTF-8 byte order mark, which some editors on Windows add.
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, issues: [`${file}: invalid JSON: ${(err as Error).message}`] };
  }
  if (!Array.isArray(data)) {
    return { ok: false, issues: [`${file}: expected a JSON array, received ${describeType(data)}`] };
  }
  const issues: string[] = [];
  const records: ContentRecord[] = [];
  const firstIndexById = new Map<string, number>();
  data.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push(`${file}[${index}]${pathSuffix(issue.path)}: ${describeIssue(issue, item)}`);
      return;
    }
    const record = parsed.data as ContentRecord;
    const first = firstIndexById.get(record.id);
    if (first !== undefined) {
      issues.push(`${file}[${index}].id: duplicate id "${record.id}" (first used at index ${first})`);
      return;
    }
    firstIndexById.set(record.id, index);
    records.push(record);
  });
  if (issues.length) {
    const shown = issues.slice(0, MAX_ISSUES_PER_FILE);
    if (issues.length > shown.length) shown.push(`${file}: ... and ${issues.length - shown.length} more issue(s)`);
    return { ok: false, issues: shown };
  }
  return { ok: true, records };
}

function pathSuffix(p: ReadonlyArray<PropertyKey>): string {
  const s = formatPath(p);
  return !s ? '' : s.startsWith('[') ? s : `.${s}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(root: unknown, p: ReadonlyArray<PropertyKey>): unknown {
  let cur = root;
  for (const key of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describeIssue(issue: z.core.$ZodIssue, record: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(record, issue.path);
      if (actual === undefined) return `missing required field (expected ${issue.expected})`;
      const received = issue.expected === 'int' && typeof actual === 'number' ? 'non-integer number' : describeType(actual);
      return `expected ${issue.expected}, received ${received}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join('|')}`;
    case 'too_small':
      if (issue.origin === 'number') return `expected a number >= ${issue.minimum}`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** Dangling links between collections: legal per the format, but worth a warning. */
function crossReferenceWarnings(content: ContentSet): string[] {
  const warnings: string[] = [];
  const policyIds = new Set(content.policies.map((p) => p.id));
  const interpretationIds = new Set(content.interpretations.map((p) => p.id));
  content.policies.forEach((p, i) => {
    if (p.supersededBy && !policyIds.has(p.supersededBy as string))
      warnings.push(`policies.json[${i}].supersededBy: unknown policy "${p.supersededBy}"`);
  });
  content.interpretations.forEach((r, i) => {
    if (!policyIds.has(r.policyId as string)) warnings.push(`interpretations.json[${i}].policyId: unknown policy "${r.policyId}"`);
  });
  content.qas.forEach((q, i) => {
    if (q.policyId && !policyIds.has(q.policyId as string)) warnings.push(`qas.json[${i}].policyId: unknown policy "${q.policyId}"`);
    if (q.interpretationId && !interpretationIds.has(q.interpretationId as string))
      warnings.push(`qas.json[${i}].interpretationId: unknown interpretation "${q.interpretationId}"`);
  });
  const timeOrder = (file: string, i: number, a: unknown, b: unknown, what: string) => {
    if (Date.parse(a as string) > Date.parse(b as string)) warnings.push(`${file}[${i}]: ${what}`);
  };
  content.consultations.forEach((c, i) => timeOrder('consultations.json', i, c.opensAt, c.closesAt, 'opensAt is after closesAt'));
  content['open-days'].forEach((d, i) => {
    timeOrder('open-days.json', i, d.registrationOpensAt, d.registrationClosesAt, 'registrationOpensAt is after registrationClosesAt');
    (d.sessions as Array<{ id: string; startsAt: string; endsAt: string }>).forEach((s, j) => {
      timeOrder('open-days.json', i, s.startsAt, s.endsAt, `sessions[${j}] startsAt is after endsAt`);
    });
    const sessionIds = (d.sessions as Array<{ id: string }>).map((s) => s.id);
    if (new Set(sessionIds).size !== sessionIds.length) warnings.push(`open-days.json[${i}].sessions: duplicate session id`);
  });
  content.meetings.forEach((m, i) =>
    timeOrder('meetings.json', i, m.applicationClosesAt, m.startsAt, 'applicationClosesAt is after startsAt'),
  );
  return warnings;
}

/** JSON with object keys sorted, so that equal records always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Short content hash of a record (first 12 hex digits of sha1 of its canonical JSON). */
export function revisionOf(record: unknown): string {
  return createHash('sha1').update(canonicalJson(record)).digest('hex').slice(0, 12);
}
