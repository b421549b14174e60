import type { ConsultationsCtx } from './context';

/** Published comments of one consultation: in all and per article ('0': the whole draft). */
export interface PublishedCounts {
  total: number;
  byArticle: Record<string, number>;
}

const countsKey = (consultationId: string) => `c:consultations:published:${consultationId}`;

/**
 * Published comment counts, from one grouped count over the consultation's approved comments,
 * cached for CONSULTATION_COUNTS_CACHE_MS (and dropped at once by this instance's approvals),
 * so a draft page with 50,000 comments does not count them on every view.
 */
export async function publishedCounts(ctx: ConsultationsCtx, consultationId: string): Promise<PublishedCounts> {
  const ms = ctx.config.CONSULTATION_COUNTS_CACHE_MS;
  const load = async (): Promise<PublishedCounts> => {
    const rows = await ctx.models.Comment.aggregate<{ _id: number | null; n: number }>([
      { $match: { consultationId, state: 'approved' } },
      { $group: { _id: '$articleNo', n: { $sum: 1 } } },
    ]);
    const byArticle: Record<string, number> = {};
    let total = 0;
    for (const r of rows) {
      byArticle[String(r._id ?? 0)] = r.n;
      total += r.n;
    }
    return { total, byArticle };
  };
  if (ms === 0) return load();
  return (await ctx.cache.get(countsKey(consultationId), { freshMs: ms, staleMs: Math.max(ms * 12, 60_000) }, load)).value;
}

/** Drops the cached counts after a change (an approval). */
export function invalidateCounts(ctx: ConsultationsCtx, consultationId: string): Promise<void> {
  return ctx.cache.invalidate(countsKey(consultationId));
}

/** Consultations whose report is published, with when. */
export async function reportedIds(ctx: ConsultationsCtx): Promise<Map<string, Date>> {
  const rows = await ctx.models.Report.find({}, { consultationId: 1, publishedAt: 1 }).lean<Array<{ consultationId: string; publishedAt: Date }>>();
  return new Map(rows.map((r) => [r.consultationId, new Date(r.publishedAt)]));
}
