import type { ExportRecord } from '../../shared/contract/results';
import { BOM, csvCell } from '../../shared/csv';
import type { Survey } from '../../shared/schemas/survey';
import type { Filter } from '../results/sql';
import { type ExportResponse, exportPages } from './sql';

/** The columns every export has, in order; answers follow as `answers.<questionId>`. */
const FIXED = [
  'responseId',
  'createdAt',
  'completed',
  'touchpoint',
  'channel',
  'locale',
  'path',
  'respondentId',
  'attributes',
] as const satisfies readonly (keyof ExportRecord)[];

export function toRecord(r: ExportResponse): ExportRecord {
  return {
    responseId: r.id,
    createdAt: new Date(r.created_at).toISOString(),
    completed: r.completed === 1,
    touchpoint: r.touchpoint || null,
    channel: r.channel,
    locale: r.locale,
    path: r.path,
    respondentId: r.respondent_id,
    attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : null,
    answers: Object.fromEntries(
      r.answers.flatMap((a) => {
        const v = a.choices ? (JSON.parse(a.choices) as string[]) : (a.num ?? a.text);
        return v === null ? [] : [[a.question_id, v]];
      }),
    ),
  };
}

/** One CSV row of a record: the fixed columns, then each question's answer (choices joined with `;`). */
function csvRow(rec: ExportRecord, questionIds: readonly string[]): string {
  const fixed = FIXED.map((k) => (k === 'attributes' ? rec.attributes && JSON.stringify(rec.attributes) : rec[k]));
  const answers = questionIds.map((q) => {
    const v = rec.answers[q];
    return Array.isArray(v) ? v.join(';') : v;
  });
  return `${[...fixed, ...answers].map(csvCell).join(',')}\r\n`;
}

/** Streams the export; nothing is built in memory beyond one page of responses. */
export function exportStream(
  db: D1Database,
  survey: Survey,
  f: Partial<Filter>,
  format: 'csv' | 'ndjson',
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const qids = survey.questions.map((q) => q.id);
  const pages = exportPages(db, { ...f, surveyId: survey.id });
  let header = format === 'csv';
  return new ReadableStream({
    async pull(controller) {
      let chunk = '';
      if (header) {
        header = false;
        chunk += `${BOM}${[...FIXED, ...qids.map((q) => `answers.${q}`)].map(csvCell).join(',')}\r\n`;
      }
      const next = await pages.next();
      if (next.done) {
        if (chunk) controller.enqueue(enc.encode(chunk));
        controller.close();
        return;
      }
      for (const r of next.value) {
        const rec = toRecord(r);
        chunk += format === 'ndjson' ? `${JSON.stringify(rec)}\n` : csvRow(rec, qids);
      }
      controller.enqueue(enc.encode(chunk));
    },
  });
}
