import { listVerbatims } from '../../shared/contract/insights';
import { exportResponses } from '../../shared/contract/results';
import { BOM, csvLine } from '../../shared/csv';
import { type CallInput, call, fetchApi, urlOf } from './api';

/** Saves a Blob as a file (the credential never appears in a URL, the history or a server log). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Counts CSV records in a byte stream as it arrives. Every cell is quoted and quotes inside are
 * doubled, so a line feed ends a record only outside quotes (a comment may hold line breaks).
 */
export function csvRecordCounter(): (chunk: Uint8Array) => number {
  let quoted = false;
  let records = 0;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && !quoted) records++;
    }
    return records;
  };
}

/**
 * The responses export (one row a response, every answer a column), fetched with the credential in
 * the Authorization header and read as it streams, reporting the rows so far (a big export takes a
 * while), then saved from a Blob. Returns how many responses it holds.
 */
export async function downloadCsv(
  surveyId: string,
  query: Omit<NonNullable<CallInput<typeof exportResponses>['query']>, 'format'>,
  fileName: string,
  onProgress: (rows: number) => void = () => {},
): Promise<number> {
  const res = await fetchApi(
    'get',
    urlOf(exportResponses, { params: { id: surveyId }, query: { ...query, format: 'csv' } }),
  );
  const chunks: Uint8Array[] = [];
  const count = csvRecordCounter();
  let records = 0;
  let shown = 0;
  let last = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks.push(r.value);
      records = count(r.value);
      // The header line is not a response; a status update at most every 200 ms.
      if (records - 1 > shown && performance.now() - last > 200) {
        shown = records - 1;
        last = performance.now();
        onProgress(shown);
      }
    }
  } else {
    const all = new Uint8Array(await res.arrayBuffer());
    chunks.push(all);
    records = count(all);
  }
  saveFile(new Blob(chunks as BlobPart[], { type: 'text/csv;charset=utf-8' }), fileName);
  return Math.max(0, records - 1);
}

/** The most verbatims one export holds (50 pages of 200): beyond it, narrow the dates. */
export const VERBATIMS_EXPORT_MAX = 10_000;

type VerbatimsQuery = Omit<NonNullable<CallInput<typeof listVerbatims>['query']>, 'limit' | 'cursor'>;

/**
 * The verbatims exactly as the view lists them (search, sentiment, touchpoint, dates): read page by
 * page through the API, reporting progress, and written as CSV with the same quoting and formula
 * defusing as the Worker's exports. Returns how many rows were written and whether it was cut.
 */
export async function downloadVerbatimsCsv(
  surveyId: string,
  query: VerbatimsQuery,
  fileName: string,
  onProgress: (rows: number) => void,
): Promise<{ rows: number; truncated: boolean }> {
  let out =
    BOM + csvLine(['responseId', 'createdAt', 'touchpoint', 'questionId', 'sentiment', 'score', 'locale', 'text']);
  let rows = 0;
  let cursor: string | undefined;
  do {
    const page = await call(listVerbatims, {
      params: { id: surveyId },
      query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) },
    });
    for (const v of page.items) {
      out += csvLine([v.responseId, v.createdAt, v.touchpoint, v.questionId, v.sentiment, v.score, v.locale, v.text]);
    }
    rows += page.items.length;
    onProgress(rows);
    cursor = page.nextCursor;
  } while (cursor && rows < VERBATIMS_EXPORT_MAX);
  saveFile(new Blob([out], { type: 'text/csv;charset=utf-8' }), fileName);
  return { rows, truncated: !!cursor };
}

/** A file-system-safe name: letters (any script), digits, dashes. */
export const safeName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'survey';
