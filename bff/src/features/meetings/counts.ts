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
