import { encode } from 'uqr';

/** One run of dark modules in a row of the code. */
export interface QrRun {
  start: number;
  length: number;
}

export interface QrMatrix {
  /** Modules per side, the quiet zone included. */
  size: number;
  /** Per row, its dark runs from left to right. */
  rows: QrRun[][];
}

/**
 * The QR code of `text` as rows of dark runs, so it can be drawn with plain Views in both the H5
 * build and WeChat (no canvas, no image file). A 4-module quiet zone, as scanners expect, and
 * error correction M: the pass is shown on a phone screen that may be scratched or glaring.
 */
export function qrMatrix(text: string): QrMatrix {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const rows = data.map((row) => {
    const runs: QrRun[] = [];
    let start = -1;
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ start, length: x - start });
        start = -1;
      }
    });
    if (start >= 0) runs.push({ start, length: row.length - start });
    return runs;
  });
  return { size, rows };
}
