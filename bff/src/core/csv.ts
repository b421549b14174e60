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
export function csvDocument(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
