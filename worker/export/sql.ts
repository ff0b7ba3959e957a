import type { Channel } from '../../shared/schemas/invitation';
import { type Filter, responseWhere } from '../results/sql';

export type ExportResponse = {
  id: string;
  created_at: number;
  completed: number;
  touchpoint: string;
  channel: Channel;
  locale: string | null;
  path: string | null;
  respondent_id: string | null;
  attributes: string | null;
  answers: { question_id: string; num: number | null; text: string | null; choices: string | null }[];
};

const PAGE = 500;
const DAY_MS = 86_400_000;
/** A response's day is its arrival date in some zone within ±14 h of UTC: the created_at window is that wide. */
const ZONE_MS = 14 * 3_600_000;

/**
 * Pages through a survey's responses in (created_at, id) order, a page of responses and their
 * answers per round trip, so an export of any size streams in constant memory. Each page is a seek
 * in responses_survey_created from the last key, bounded by the range's created_at window, so it
 * reads the same rows at row 990,000 as at row 10 (the day filter then only trims the window's edges).
 */
export async function* exportPages(db: D1Database, f: Partial<Filter> & { surveyId: string }) {
  const { sql: where, args } = responseWhere(f, '');
  let after: [number, string] = [f.from ? Date.parse(f.from) - ZONE_MS : -1, ''];
  const until = f.to ? Date.parse(f.to) + DAY_MS + ZONE_MS : Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = `SELECT id FROM responses INDEXED BY responses_survey_created
                  WHERE ${where} AND (created_at, id) > (?, ?) AND created_at < ?
                  ORDER BY created_at, id LIMIT ${PAGE}`;
    const [rs, as] = await db.batch([
      db
        .prepare(
          `SELECT id, created_at, completed, touchpoint, channel, locale, path, respondent_id, attributes FROM responses
           WHERE id IN (${page}) ORDER BY created_at, id`,
        )
        .bind(...args, ...after, until),
      db
        .prepare(`SELECT response_id, question_id, num, text, choices FROM answers WHERE response_id IN (${page})`)
        .bind(...args, ...after, until),
    ]);
    const responses = (rs as D1Result<Omit<ExportResponse, 'answers'>>).results;
    if (responses.length === 0) return;
    const byResponse = new Map<string, ExportResponse['answers']>();
    for (const a of (as as D1Result<ExportResponse['answers'][number] & { response_id: string }>).results) {
      const list = byResponse.get(a.response_id) ?? [];
      list.push(a);
      byResponse.set(a.response_id, list);
    }
    yield responses.map((r) => ({ ...r, answers: byResponse.get(r.id) ?? [] }));
    const last = responses[responses.length - 1]!;
    after = [last.created_at, last.id];
    if (responses.length < PAGE) return;
  }
}
