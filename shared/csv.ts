/**
 * CSV as spreadsheets and scripts read it, for every CSV Seda writes (the Worker's exports, the
 * dashboard's verbatims and link lists): UTF-8 with a byte order mark, every cell quoted.
 */

/** Excel reads a CSV as UTF-8 (Persian, Arabic) only when it starts with the byte order mark. */
export const BOM = '\uFEFF';

/**
 * A CSV cell, always quoted (so `;` as the separator, as Excel uses in many locales, can't split
 * it). Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
 * return) is prefixed with `'` so it shows as text.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '""';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/** One CSV line, CRLF-terminated as RFC 4180 says. */
export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;
