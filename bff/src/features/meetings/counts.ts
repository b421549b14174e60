import type { MeetingsCtx } from './context';
import { OBSERVER_CATEGORIES, type MeetingApplicationDoc } from './model';
import type { CategoryCounts } from './source';

/** Per-category counts of one meeting's applications (one narrow read). */
export async function countsOf(ctx: MeetingsCtx, meetingId: string): Promise<CategoryCounts> {
  const docs = await ctx.models.Application.find({ meetingId }, { category: 1, status: 1, _id: 0 }).lean<Pick<MeetingApplicationDoc, 'category' | 'status'>[]>();
  const out = Object.fromEntries(OBSERVER_CATEGORIES.map((c) => [c, { applications: 0, selected: 0, submitted: 0 }])) as CategoryCounts;
  for (const d of docs) {
    const c = out[d.category];
    if (!c) continue;
    if (d.status !== 'withdrawn') c.applications++;
    if (d.status === 'selected' || d.status === 'confirmed') c.selected++;
    if (d.status === 'submitted') c.submitted++;
  }
  return out;
}

/**
 * Reserves keep their drawn place (`reserveRank`); a citizen or staff member is shown the place
 * among those still waiting, so a reserve who left or was promoted moves the rest up.
 */
export async function withCurrentRanks<D extends Pick<MeetingApplicationDoc, 'meetingId' | 'category' | 'status' | 'reserveRank'>>(ctx: MeetingsCtx, docs: D[]): Promise<D[]> {
  return Promise.all(
    docs.map(async (d) => {
      if (d.status !== 'reserve' || d.reserveRank == null) return d;
      const ahead = await ctx.models.Application.countDocuments({ meetingId: d.meetingId, category: d.category, status: 'reserve', reserveRank: { $lt: d.reserveRank } });
      return { ...d, reserveRank: ahead + 1 };
    }),
  );
}
