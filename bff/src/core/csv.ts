/**
 * One CSV cell, safe to open in a spreadsheet: a leading = + - @ (or tab, CR) would run as a
 * formula in Excel, and so do their full-width forms (＝ ＋ － ＠), which some spreadsheet
 * programs fold to the ASCII ones; such a cell gets a leading apostrophe. Quoted when needed.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r＝＋－＠]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document: UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends, every cell through csvCell. */
/** Answers a CSV download: UTF-8, an ASCII file name for old clients and the Chinese one (RFC 5987) for the rest. */
export function sendCsv(ctx: { set(field: string, value: string): void; body: unknown }, csv: string, ascii: string, chinese: string): void {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`);
  ctx.body = csv;
}

export function csvDocument(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
