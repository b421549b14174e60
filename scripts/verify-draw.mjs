#!/usr/bin/env node
// Independent check of a published 列席会议 draw (Node ≥ 20, no dependencies, nothing from this repo).
//
//   node scripts/verify-draw.mjs <url of GET /api/v1/meetings/:id/draw>
//
// Fetches the published draw and, for every category that has been drawn, recomputes from the
// published roster and public value alone: the roster hash (SHA-256 of the sorted draw numbers,
// one per line, each followed by "\n"), the seed (SHA-256 of `rosterHash|publicValue`), the
// Fisher–Yates order (r = first 8 bytes big-endian of SHA-256(`seed:k`), k = 0, 1, …; skip r ≥
// ⌊2^64/(i+1)⌋·(i+1); swap i and r mod (i+1)) and the chosen (the first `seats`). Prints each step
// and OK or MISMATCH per check; exits 0 when everything matches, 1 otherwise (or on any error).
import { createHash } from 'node:crypto';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();
const hex = (text) => sha256(text).toString('hex');
const TWO_64 = 1n << 64n;

function shuffle(sorted, seed, log) {
  const order = [...sorted];
  let k = 0;
  for (let i = order.length - 1; i >= 1; i--) {
    const m = BigInt(i + 1);
    const limit = (TWO_64 / m) * m;
    let r;
    const ks = [];
    do {
      ks.push(k);
      r = sha256(`${seed}:${k++}`).readBigUInt64BE(0);
    } while (r >= limit);
    const j = Number(r % m);
    log(`    i=${i} k=${ks.join(',')} r=${r} j=${j} swap ${order[i]} ↔ ${order[j]}`);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

async function main() {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: node scripts/verify-draw.mjs <url of GET /api/v1/meetings/:id/draw>');
    return 1;
  }
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    console.error(`GET ${url} → HTTP ${res.status}`);
    return 1;
  }
  const draw = await res.json();
  console.log(`meeting ${draw.meetingId} (${draw.selection})`);
  console.log(`algorithm: ${draw.algorithm}`);
  let failures = 0;
  let checked = 0;
  const check = (what, ok, detail = '') => {
    if (!ok) failures++;
    console.log(`  ${ok ? 'OK      ' : 'MISMATCH'} ${what}${detail ? `: ${detail}` : ''}`);
  };
  for (const c of draw.categories ?? []) {
    console.log(`\n[${c.category}] seats ${c.seats}, roster of ${c.roster.length}, source: ${c.publicValueSource ?? '(none)'}`);
    if (c.publicValue == null) {
      console.log('  not drawn yet; nothing to check');
      continue;
    }
    checked++;
    const sorted = [...c.roster].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    check('roster sorted ascending', sorted.join(',') === c.roster.join(','));
    const text = sorted.map((n) => `${n}\n`).join('');
    const rosterHash = hex(text);
    console.log(`  roster hash = SHA-256(${sorted.length} lines) = ${rosterHash}`);
    check('rosterHash', rosterHash === c.rosterHash, rosterHash === c.rosterHash ? '' : `published ${c.rosterHash}`);
    console.log(`  public value = ${JSON.stringify(c.publicValue)}`);
    const seed = hex(`${rosterHash}|${c.publicValue}`);
    console.log(`  seed = SHA-256(rosterHash|publicValue) = ${seed}`);
    check('seed', seed === c.seed, seed === c.seed ? '' : `published ${c.seed}`);
    console.log('  shuffle:');
    const order = shuffle(sorted, seed, (line) => console.log(line));
    console.log(`  order = ${order.join(' ')}`);
    check('order', order.join(',') === c.order.join(','), order.join(',') === c.order.join(',') ? '' : `published ${c.order.join(' ')}`);
    const chosen = order.slice(0, Math.max(0, Math.min(c.seats, order.length)));
    console.log(`  chosen = ${chosen.join(' ') || '(none)'}`);
    check('chosen', chosen.join(',') === c.chosen.join(','), chosen.join(',') === c.chosen.join(',') ? '' : `published ${c.chosen.join(' ')}`);
    // A replaced observer was chosen or took a seat earlier; the one taking it is a reserve.
    const seated = new Set(chosen);
    for (const r of c.replacements ?? []) {
      const wasChosen = seated.has(r.withdrawn);
      if (r.replacedBy) seated.add(r.replacedBy);
      const reserveOk = r.replacedBy === null || order.indexOf(r.replacedBy) >= chosen.length;
      check(`replacement ${r.withdrawn} → ${r.replacedBy ?? '(none left)'}`, wasChosen && reserveOk);
    }
  }
  console.log(`\n${failures === 0 ? 'OK' : 'MISMATCH'}: ${checked} categories checked, ${failures} mismatches`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`verify-draw: ${err?.message ?? err}`);
    process.exit(1);
  },
);
