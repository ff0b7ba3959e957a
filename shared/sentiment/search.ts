/**
 * The spelling folds verbatim search applies to the indexed text and to the query, so a search typed
 * on an Arabic keyboard, with Persian digits or with a ZWNJ finds the answer written the other way.
 * They are the character folds of `normalizeText` (./normalize.ts): ي ى → ی, ك → ک, ة ۀ → ه, أ إ ٱ → ا,
 * no tatweel or harakat, Persian and Arabic-Indic digits → ASCII, zero-width marks dropped; and a ZWNJ
 * reads as a space (as it splits words in `tokenize`), so "می‌خواهم", "می خواهم" match each other.
 * Case is folded by the index itself (FTS5 trigram, case-insensitive).
 *
 * The index applies the same folds in SQL (migration 0013's triggers, nested `replace()`, generated from
 * this table: `searchFoldSelect`); test/worker/verbatim-search.test.ts checks that both give the same text.
 */
const digits = (zero: number) =>
  Array.from({ length: 10 }, (_, i) => [String.fromCharCode(zero + i), String(i)] as const);
const drop = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => [String.fromCharCode(from + i), ''] as const);

export const SEARCH_FOLDS: readonly (readonly [from: string, to: string])[] = [
  ['ي', 'ی'],
  ['ى', 'ی'],
  ['ك', 'ک'],
  ['ة', 'ه'],
  ['ۀ', 'ه'],
  ['أ', 'ا'],
  ['إ', 'ا'],
  ['ٱ', 'ا'],
  ['\u0640', ''], // tatweel
  ...drop(0x064b, 0x0652), // harakat
  ['\u0670', ''], // superscript alef
  ...digits(0x06f0),
  ...digits(0x0660),
  ['\u200B', ''],
  ['\u200D', ''],
  ['\u2060', ''],
  ['\uFEFF', ''],
  ['\u00AD', ''],
  ['\u200C', ' '], // ZWNJ splits words, as a space does
  ['\n', ' '],
  ['\r', ' '],
  ['\t', ' '],
];

/** How many times the SQL side halves runs of spaces: runs of up to 2^n spaces become one. */
const SPACE_PASSES = 4;

/** The folds applied to a text (the index's side; runs of spaces are collapsed as in SQL). */
export function searchFold(text: string): string {
  let out = text;
  for (const [from, to] of SEARCH_FOLDS) out = out.replaceAll(from, to);
  for (let i = 0; i < SPACE_PASSES; i++) out = out.replaceAll('  ', ' ');
  return out;
}

/** A search query in the index's form: folded, runs of spaces collapsed, trimmed. */
export const searchQuery = (q: string) => searchFold(q).replace(/ {2,}/g, ' ').trim();

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Replaces nested in one SQL expression at most: SQLite before 3.46 parses only ~33 (a fixed parser stack). */
const PER_STAGE = 16;

/**
 * The same folds in SQL, for a trigger: `source` is a SELECT with columns `id` and `t` (the text); the
 * answer is a SELECT of `id` and `t` folded. The replace() calls are split over nested subqueries of at
 * most PER_STAGE each, so any SQLite (and the sqlite3 shell) can parse the schema.
 */
export function searchFoldSelect(source: string): string {
  const steps: string[][] = [];
  for (let i = 0; i < SEARCH_FOLDS.length; i += PER_STAGE) {
    // char(code): combining marks and invisible characters would be unreadable (or lost) as literals.
    steps.push(
      SEARCH_FOLDS.slice(i, i + PER_STAGE).map(([from, to]) => `char(${from.codePointAt(0)}), ${sqlString(to)}`),
    );
  }
  steps.push(Array.from({ length: SPACE_PASSES }, () => "'  ', ' '"));
  let sql = source;
  for (const step of steps) {
    let expr = 't';
    for (const args of step) expr = `replace(${expr}, ${args})`;
    sql = `SELECT id, ${expr} AS t FROM (${sql})`;
  }
  return sql;
}
