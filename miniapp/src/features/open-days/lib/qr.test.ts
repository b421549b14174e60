import { encode } from 'uqr';
import { qrMatrix } from './qr';

describe('qrMatrix', () => {
  it('when a pass is encoded, then its runs redraw exactly the dark modules of the code', () => {
    const text = 'ZWGK-OD1.65a1b2c3d4e5f60718293a4b.58000001.0123456789abcdef';
    const { size, rows } = qrMatrix(text);
    const { data } = encode(text, { ecc: 'M', border: 4 });
    expect(size).toBe(data.length);
    const redrawn = rows.map((runs) => {
      const row = Array<boolean>(size).fill(false);
      for (const { start, length } of runs) row.fill(true, start, start + length);
      return row;
    });
    expect(redrawn).toEqual(data);
  });

  it('when encoded, then the quiet zone of 4 modules is empty on every side', () => {
    const { size, rows } = qrMatrix('K7Q2M1ZA');
    for (const y of [0, 1, 2, 3, size - 1, size - 4]) expect(rows[y]).toEqual([]);
    for (const runs of rows) for (const r of runs) expect(r.start >= 4 && r.start + r.length <= size - 4).toBe(true);
  });
});
