// Subscribe-message delivery through faults, at full size: runs the notifications fault test
// (bff/src/features/notifications/notifications.fault.test.ts) with 1,000 events per phase and
// prints its figures.
//
//   node bench/notify-delivery.mjs [--n 1000]
//
// Phase 1: 1,000 events told while WeChat is down; it comes back; every one must be sent, none
//   twice (delivered / duplicated / lost from the WeChat simulator's message log, by the code
//   each message carries), and the time from recovery until the outbox is empty.
// Phase 2: the same with the BFF (a real process) SIGKILLed while it drains the backlog and
//   started again: none twice; the sends cut off by the kill are marked `unknown` and not
//   repeated (WeChat cannot deduplicate), so the figure to read is how many those are and how
//   many of them had arrived. Baseline: phase 1 is the no-crash case of the same run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../scripts/lib.mjs';

const i = process.argv.indexOf('--n');
const n = i > 0 ? process.argv[i + 1] : '1000';
const r = spawnSync('npx', ['jest', '--rootDir', path.join(ROOT, 'bff'), 'src/features/notifications/notifications.fault.test.ts'], {
  cwd: path.join(ROOT, 'bff'),
  env: { ...process.env, NOTIFY_FAULT_N: n },
  encoding: 'utf8',
});
const out = `${r.stdout}\n${r.stderr}`;
for (const line of out.split('\n')) if (/WeChat down then up|with SIGKILL while sending|Tests:/.test(line)) console.log(line.trim());
process.exit(r.status ?? 1);
