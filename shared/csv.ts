/** Excel reads a CSV as UTF-8 (Persian, Arabic) only when it starts with the byte order mark. */
export const CSV_BOM = '\uFEFF';

/**
 * A CSV cell, always quoted. Text that a spreadsheet would run as a formula (starting with =, +,
 * -, @, tab or carriage return) is prefixed with `'` so it shows as text. The export and the
 * dashboard's mail-merge file both write cells with it.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '""';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/** A whole CSV file: BOM, header, rows, CRLF line ends. */
export const csvFile = (rows: unknown[][]): string =>
  CSV_BOM + rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
