// Writes the tab-bar icons (48x48 RGBA PNGs) from simple vector shapes, so no binary
// design assets need to be maintained. Run: node scripts/gen-tab-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 48;
const SS = 4; // supersampling per axis for anti-aliased edges
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');

const COLORS = { normal: [0x8a, 0x8f, 0x99], active: [0xc4, 0x1d, 0x24] };

// Shapes in a 0..48 coordinate space; each returns true when (x, y) is inside.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const tri = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
};
const union = (...fs) => (x, y) => fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const icons = {
  // House: roof + body with a door cut out.
  home: minus(union(tri(24, 6, 4, 24, 44, 24), rect(10, 22, 38, 42)), rect(20, 30, 28, 42)),
  // Document with text lines.
  policy: minus(rect(10, 5, 38, 43), union(rect(16, 13, 32, 16), rect(16, 21, 32, 24), rect(16, 29, 27, 32))),
  // Speech bubble (taking part) with three dots.
  participate: minus(
    union(rect(5, 8, 43, 33), tri(12, 32, 24, 32, 12, 42)),
    union(circle(15, 20.5, 3), circle(24, 20.5, 3), circle(33, 20.5, 3)),
  ),
  // Telephone handset: a thick arch with an ear piece at each end.
  hotline: union(
    minus(ring(24, 28, 19, 7), rect(0, 28, 48, 48)),
    rect(4, 25, 16, 38),
    rect(32, 25, 44, 38),
  ),
  // Person: head and shoulders.
  mine: union(circle(24, 15, 9), minus(circle(24, 46, 19), rect(0, 43, 48, 48))),
};

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (shape(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(join(outDir, `${name}.png`), png(shape, COLORS.normal));
  writeFileSync(join(outDir, `${name}-active.png`), png(shape, COLORS.active));
}
console.log(`wrote ${Object.keys(icons).length * 2} icons to ${outDir}`);
