// 民意征集 outcome notices through faults, at full size: runs the consultations fault test
// (bff/src/features/consultations/consultations.fault.test.ts) with 1,000 commenters per phase
// and prints its figures.
//
//   node bench/consultation-notices.mjs [--n 1000]
//
// Phase 1: every commenter accepts the 意见征集结果 subscribe message; a fifth are rejected (the
//   BFF, a real process, is SIGKILLed while those notices are told), the rest approved, disposed
//   and the report published; SIGKILL again once a quarter of the outcome messages reached
//   WeChat. Phase 2: WeChat is down while the report is published, the BFF is SIGKILLed mid-way,
//   WeChat comes back. Figures per kind of notice: delivered / duplicated (more than one subscribe
//   message to one citizen) / unknown (a send cut off by the kill, never repeated) / not
//   delivered, and the time of each phase; every inbox must hold exactly one message (the test
//   fails otherwise). Baseline: none needed, the figures to read are duplicates (must be 0) and
//   losses beyond the `unknown` ones (must be 0).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../scripts/lib.mjs';

const at = process.argv.indexOf('--n');
const commenters = at > 0 ? process.argv[at + 1] : '1000';
const jest = spawnSync('npx', ['jest', '--rootDir', path.join(ROOT, 'bff'), 'src/features/consultations/consultations.fault.test.ts'], {
  cwd: path.join(ROOT, 'bff'),
  env: { ...process.env, CONSULT_FAULT_N: commenters },
  encoding: 'utf8',
});
const lines = `${jest.stdout}\n${jest.stderr}`.split('\n');
for (const line of lines) if (/SIGKILL while telling|Tests:|●|Expected|Received|not met/.test(line)) console.log(line.trim());
process.exit(jest.status ?? 1);
