/**
 * After a site's time zone changes, every stored `day` (responses, answers, response_dims and the
 * rollups keyed by them) is restamped to the local day of its `created_at` in the new zone. It runs
 * in chunks after the PATCH's answer and from the cron, survey by survey in (created_at, id) order
 * (one index range per chunk). Each chunk is one transaction and the triggers move the rollups'
 * counts with it, so rollups always equal the stored days; until the restamp is done, results are
 * scanned with days computed from `created_at` (worker/results), so no answer is ever missing or
 * misplaced in a figure.
 *
 * Late writers: another isolate may still stamp days with the old zone for as long as it caches
 * the site (10 s, worker/collect/cache.ts) plus a post's wait in the group commit (≤ 5 s). So a
 * restamp whose first pass started before the change had settled (SETTLE_MS) makes a second pass
 * over the responses created since a minute before the change.
 */
import { localDay } from '../../shared/dates';
import { nextSurvey, type RezoneState, responsesAfter, restamp, rezoneState } from './rezone-sql';

/** Responses read per step: well inside one D1 statement's time limit with their answers' triggers. */
export const REZONE_CHUNK = 1000;
/** Longer than any isolate's cached copy of the site plus a queued post's wait. */
export const SETTLE_MS = 30_000;

type Cursor = { pass: 1 | 2; started: number; survey: string; at: number; id: string };
/** The survey of a cursor past the site's last survey. */
const END = '\uffff';

/** One chunk. 'more': call again; 'wait': a second pass is due once the change has settled; 'done'. */
export async function rezoneStep(db: D1Database, siteId: string, now = Date.now()): Promise<'more' | 'wait' | 'done'> {
  const s = await rezoneState(db, siteId);
  if (!s || s.rezoneAt === null) return 'done';
  const rezoneAt = s.rezoneAt;
  const cur: Cursor = s.cursor
    ? (JSON.parse(s.cursor) as Cursor)
    : { pass: 1, started: now, survey: '', at: Number.MIN_SAFE_INTEGER, id: '' };
  const survey = cur.survey === END ? null : cur.survey || (await nextSurvey(db, siteId, ''));
  if (!survey) return finishPass(db, siteId, { ...s, rezoneAt }, cur, now);
  const rows = await responsesAfter(db, survey, cur.at, cur.id, REZONE_CHUNK);
  const moves: [string, string][] = [];
  for (const r of rows) {
    const day = localDay(r.created_at, s.timeZone);
    if (day !== r.day) moves.push([r.id, day]);
  }
  const last = rows[rows.length - 1];
  let next: Cursor;
  if (last && rows.length === REZONE_CHUNK) next = { ...cur, survey, at: last.created_at, id: last.id };
  else {
    // This survey is done: the next one from its first response of the pass.
    const after = await nextSurvey(db, siteId, survey);
    next = { ...cur, survey: after ?? END, at: passStart(cur, rezoneAt), id: '' };
  }
  await restamp(db, siteId, s.timeZone, rezoneAt, moves, JSON.stringify(next));
  return 'more';
}

/** Pass 1 reads every response; pass 2 only those created since a minute before the change. */
const passStart = (cur: Cursor, rezoneAt: number) => (cur.pass === 1 ? Number.MIN_SAFE_INTEGER : rezoneAt - 60_000);

async function finishPass(
  db: D1Database,
  siteId: string,
  s: RezoneState & { rezoneAt: number },
  cur: Cursor,
  now: number,
): Promise<'more' | 'wait' | 'done'> {
  // A pass that started after the change settled saw every late write: the restamp is complete.
  if (cur.pass === 2 || cur.started >= s.rezoneAt + SETTLE_MS) {
    await restamp(db, siteId, s.timeZone, s.rezoneAt, [], null);
    return 'done';
  }
  if (now < s.rezoneAt + SETTLE_MS) return 'wait';
  const second: Cursor = {
    pass: 2,
    started: now,
    survey: '',
    at: passStart({ pass: 2 } as Cursor, s.rezoneAt),
    id: '',
  };
  await restamp(db, siteId, s.timeZone, s.rezoneAt, [], JSON.stringify(second));
  return 'more';
}

/** Steps until done, waiting, or `budgetMs` spent (the cron picks up the rest). `now` is the clock. */
export async function runRezone(
  db: D1Database,
  siteId: string,
  { budgetMs = 20_000, now = () => Date.now() }: { budgetMs?: number; now?: () => number } = {},
): Promise<'done' | 'wait' | 'more'> {
  const end = Date.now() + budgetMs;
  let state: 'more' | 'wait' | 'done' = 'more';
  while (state === 'more' && Date.now() < end) state = await rezoneStep(db, siteId, now());
  return state;
}
