import type { Survey } from '../../shared/schemas/survey';
import type { Filter } from '../results/sql';
import { type ExportResponse, exportPages } from './sql';

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const answerValue = (a: ExportResponse['answers'][number]) =>
  a.num ?? a.text ?? (a.choices ? (JSON.parse(a.choices) as string[]).join(';') : null);

function toRecord(r: ExportResponse) {
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
      r.answers.map((a) => [a.question_id, a.choices ? (JSON.parse(a.choices) as string[]) : (a.num ?? a.text)]),
    ),
  };
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
        const cols = [
          'response_id',
          'created_at',
          'completed',
          'touchpoint',
          'channel',
          'locale',
          'path',
          'respondent_id',
        ];
        chunk += `${[...cols, 'attributes', ...qids].map(csvCell).join(',')}\r\n`;
      }
      const next = await pages.next();
      if (next.done) {
        if (chunk) controller.enqueue(enc.encode(chunk));
        controller.close();
        return;
      }
      for (const r of next.value) {
        if (format === 'ndjson') {
          chunk += `${JSON.stringify(toRecord(r))}\n`;
          continue;
        }
        const byQ = new Map(r.answers.map((a) => [a.question_id, answerValue(a)]));
        const row = [
          r.id,
          new Date(r.created_at).toISOString(),
          r.completed === 1 ? 'true' : 'false',
          r.touchpoint,
          r.channel,
          r.locale,
          r.path,
          r.respondent_id,
          r.attributes,
          ...qids.map((q) => byQ.get(q)),
        ];
        chunk += `${row.map(csvCell).join(',')}\r\n`;
      }
      controller.enqueue(enc.encode(chunk));
    },
  });
}
