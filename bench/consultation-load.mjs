// 民意征集 under load: the closing-time comment rush, and one consultation with 50,000 comments.
//
//   node bench/consultation-load.mjs [--rate 300] [--seconds 20] [--citizens 1000] [--comments 50000] [--requests 200]
//
// Part 1 — rush: POST /api/v1/consultations/con-001/comments open-loop at --rate per second for
//   --seconds from --citizens signed-in citizens (each request timed from its scheduled start,
//   so a stall shows in p99), next to GET /healthz at the same rate in the same run. Then every
//   accepted key is sent again (a retrying app): each must answer its first id, and the number of
//   stored comments must equal the number of distinct keys (counted by the staff overview).
//   Uses the real clock: con-001 is open until 2026-12-10 17:30 (pick another with --consultation).
// Part 2 — 50,000 comments on con-005 (closed), written straight into MongoDB (60% approved and
//   disposed, 30% pending, 10% rejected), then p50/p99 of the moderation queue (pending, oldest
//   first), the public list (all, and one article) and the generation of the adoption report,
//   each closed-loop next to /healthz.
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../scripts/lib.mjs';
import { benchEnv, children, f1, startUpstreams, hasTaskset, json, measureOpen, pct, startBff } from './lib/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const RATE = Number(args.rate ?? 300);
const SECONDS = Number(args.seconds ?? 20);
const CITIZENS = Number(args.citizens ?? 1000);
const COMMENTS = Number(args.comments ?? 50_000);
const REQUESTS = Number(args.requests ?? 200);
const CONSULTATION = args.consultation ?? 'con-001';
const { Types, default: mongoose } = createRequire(path.join(ROOT, 'bff/package.json'))('mongoose');

const openidFor = (name) => `o${createHash('sha256').update(`zwgk-openid:${name}`).digest('base64url')}`.slice(0, 28);

/** Closed loop with `concurrency` in flight. */
async function measure(n, concurrency, send) {
  const lat = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const t = performance.now();
      const r = await send();
      const body = await r.text();
      if (!r.ok) throw new Error(`request failed: ${r.status} ${body.slice(0, 300)}`);
      lat.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function main() {
  const { mongo, sims } = await startUpstreams();
  const dbName = `zwgk_bench_consult_${process.pid}`;
  const u = new URL(mongo.uri);
  u.pathname = `/${dbName}`;
  const bff = await startBff(benchEnv(u.toString(), sims, `zwgk-bench-consult:${process.pid}:`, { STAFF_ROLES: `${openidFor('bench-mod')}:moderator` }));

  const login = async (name) => (await (await json('POST', `${bff.url}/api/v1/auth/wechat-login`, { code: `sim-${name}` })).json()).accessToken;
  const mod = await login('bench-mod');
  const tokens = [];
  for (let i = 0; i < CITIZENS; i += 20) tokens.push(...(await Promise.all(Array.from({ length: Math.min(20, CITIZENS - i) }, (_, j) => login(`bench-citizen-${i + j}`)))));
  const healthz = () => fetch(`${bff.url}/healthz`);
  console.log(`consultation bench: bff pinned=${hasTaskset}, ${tokens.length} citizens signed in`);

  // --- part 1: the comment rush ---
  const n = RATE * SECONDS;
  const keys = Array.from({ length: n }, () => `rush-${randomUUID()}`);
  const send = (i) =>
    json('POST', `${bff.url}/api/v1/consultations/${CONSULTATION}/comments`, { text: `第 ${i} 条压测意见：建议进一步明确配建标准。`, articleNo: (i % 8) + 1 }, {
      authorization: `Bearer ${tokens[i % tokens.length]}`,
      'idempotency-key': keys[i],
    });
  await measureOpen(200, 100, healthz);
  const h = await measureOpen(n, RATE, healthz);
  const rush = await measureOpen(n, RATE, send);
  const accepted = rush.results.map((r, i) => ({ i, r })).filter((x) => x.r.status === 201);
  const ids = new Map(accepted.map(({ i, r }) => [keys[i], JSON.parse(r.body).id]));
  let replayMismatch = 0;
  for (let k = 0; k < accepted.length; k += 50) {
    const batch = accepted.slice(k, k + 50);
    const again = await Promise.all(batch.map(({ i }) => send(i).then(async (r) => ({ i, status: r.status, body: await r.json() }))));
    for (const a of again) if (a.status !== 200 || a.body.id !== ids.get(keys[a.i]) || !a.body.replayed) replayMismatch++;
  }
  const overview = await (await fetch(`${bff.url}/api/v1/staff/consultations/${CONSULTATION}`, { headers: { authorization: `Bearer ${mod}` } })).json();
  const stored = overview.counts.received + overview.counts.withdrawn;
  console.log(
    `rush: ${n} comments at ${RATE}/s from ${tokens.length} citizens: ack p50 ${f1(rush.p50)} ms, p99 ${f1(rush.p99)} ms, max ${f1(rush.max)} ms (target p99 < 50 ms: ${rush.p99 < 50 ? 'met' : 'NOT met'}); ` +
      `statuses ${JSON.stringify(rush.statuses)}; /healthz same rate p50 ${f1(h.p50)} p99 ${f1(h.p99)} ms; ` +
      `exactly once: ${accepted.length} accepted, ${ids.size} distinct ids, ${stored} stored, ${replayMismatch} retries not answered with their first id`,
  );

  // --- part 2: 50,000 comments on one closed consultation ---
  const conn = await mongoose.createConnection(u.toString(), { serverMonitoringMode: 'poll' }).asPromise();
  const col = conn.collection('consultation_comments');
  const points = conn.collection('consultation_points');
  const target = 'con-005';
  const pointIds = Array.from({ length: 20 }, () => new Types.ObjectId());
  const base = Date.parse('2026-08-03T10:00:00+08:00');
  await points.insertMany(pointIds.map((_id, i) => ({ _id, consultationId: target, title: `意见要点 ${i + 1}`, disposition: { value: i % 2 ? 'not_adopted' : 'partly_adopted', reason: '已研究', at: new Date(), by: 'bench' }, createdBy: 'bench', createdAt: new Date(), updatedAt: new Date() })));
  const dispositions = ['adopted', 'partly_adopted', 'not_adopted', 'already_provided', 'out_of_scope'];
  const tSeed = performance.now();
  for (let k = 0; k < COMMENTS; k += 1000) {
    const docs = [];
    for (let i = k; i < Math.min(COMMENTS, k + 1000); i++) {
      const state = i % 10 < 6 ? 'approved' : i % 10 < 9 ? 'pending' : 'rejected';
      const at = new Date(base + i * 1000);
      const pointId = state === 'approved' && i % 7 === 0 ? pointIds[i % 20] : null;
      docs.push({
        consultationId: target,
        userId: new Types.ObjectId(),
        idempotencyKey: `seed-${i}`,
        articleNo: i % 13 === 0 ? null : (i % 12) + 1,
        articleLabel: null,
        text: `第 ${i} 条意见：建议完善开放目录的更新机制。`,
        realNameEnc: null,
        nameMasked: null,
        contactConsent: false,
        state,
        flags: i % 50 === 0 ? ['url'] : [],
        flagged: i % 50 === 0,
        rejectReason: state === 'rejected' ? 'off_topic' : null,
        rejectNote: null,
        moderatedBy: null,
        moderatedAt: state === 'pending' ? null : at,
        approvedAt: state === 'approved' ? at : null,
        withdrawnAt: null,
        disposition: state === 'approved' ? { value: dispositions[i % 5], reason: '已研究', at, by: 'bench' } : null,
        pointId,
        noticeDue: null,
        createdAt: at,
        updatedAt: at,
      });
    }
    await col.insertMany(docs);
  }
  console.log(`seeded ${COMMENTS} comments on ${target} in ${f1((performance.now() - tSeed) / 1000)} s`);
  const get = (p, token) => () => fetch(`${bff.url}${p}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const rows = [
    ['moderation queue (pending, oldest first, 20)', get(`/api/v1/staff/consultation-comments?consultationId=${target}`, mod)],
    ['moderation queue page 2 (keyset)', null],
    ['public list, all (20)', get(`/api/v1/consultations/${target}/comments`)],
    ['public list, article 3 (20)', get(`/api/v1/consultations/${target}/comments?articleNo=3`)],
    ['report generation (staff preview)', get(`/api/v1/staff/consultations/${target}/report`, mod)],
  ];
  const first = await (await rows[0][1]()).json();
  rows[1][1] = get(`/api/v1/staff/consultation-comments?consultationId=${target}&cursor=${first.nextCursor}`, mod);
  for (const [name, fn] of rows) {
    await measure(5, 1, fn);
    const isReport = name.startsWith('report');
    const m = await measure(isReport ? Math.min(20, REQUESTS) : REQUESTS, isReport ? 1 : 4, fn);
    const hz = await measure(REQUESTS, 4, healthz);
    console.log(`  ${name}: p50 ${f1(m.p50)} ms, p99 ${f1(m.p99)} ms | /healthz same run p50 ${f1(hz.p50)} p99 ${f1(hz.p99)} ms`);
  }
  const report = await (await rows[4][1]()).json();
  console.log(`  report: published ${report.report.published}, points ${report.report.points.length}, withheld ${report.report.withheld.total}`);
  await conn.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
