// Bulk-loads N responses spread over a year into a local D1 (Miniflare's SQLite file), through the
// real schema: the same INSERTs the collector makes, so the triggers build the rollups as in production.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TOUCHPOINTS } from '../seed-demo.mjs';

export const BENCH_SITE = {
  id: '00000000-0000-4000-8000-0000000b0000',
  key: 'bench',
  apiKey: 'sk_bench0000key_benchbenchbenchbenchbench',
};
export const BENCH_SURVEY = 'sv_bench_1m';

/** The D1 database file Miniflare created under a --persist-to directory. */
export function d1File(persistTo) {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const f = readdirSync(dir).find((n) => n.endsWith('.sqlite') && n !== 'metadata.sqlite');
  if (!f) throw new Error(`no D1 database under ${dir}: apply the migrations first`);
  return join(dir, f);
}

export function loadResponses(persistTo, { n = 1_000_000, days = 365, now = Date.now(), origins = [] } = {}) {
  const db = new DatabaseSync(d1File(persistTo));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;');
  const hash = createHash('sha256').update(BENCH_SITE.apiKey).digest('hex');
  const definition = {
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?' } },
      { id: 'csat', type: 'csat', prompt: { en: 'Satisfied?' } },
      { id: 'ces', type: 'ces', prompt: { en: 'Easy?' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?' } },
    ],
  };
  db.exec('BEGIN');
  db.prepare(
    'INSERT INTO sites (id, key, name, origins, locale, recontact_days, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
  ).run(BENCH_SITE.id, BENCH_SITE.key, 'Bench', JSON.stringify(origins), 'en', now);
  db.prepare('INSERT INTO api_keys (id, site_id, hash, name, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    'bench0000key',
    BENCH_SITE.id,
    hash,
    'bench',
    '["read","manage"]',
    now,
  );
  const tp = db.prepare('INSERT INTO touchpoints (site_id, key, name, stage, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const [key, name, stage] of TOUCHPOINTS) tp.run(BENCH_SITE.id, key, name, stage, now);
  db.prepare(
    'INSERT INTO surveys (id, site_id, name, status, definition, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
  ).run(BENCH_SURVEY, BENCH_SITE.id, 'Bench 1M', 'active', JSON.stringify(definition), now, now);
  // `plan` is declared as a segment before loading, so the triggers build its rollups as they would live.
  db.prepare("INSERT INTO segment_dims (site_id, name, ready, cursor) VALUES (?, 'plan', 1, '0')").run(BENCH_SITE.id);
  db.exec('COMMIT');

  const resp = db.prepare(
    `INSERT INTO responses (id, site_id, survey_id, survey_version, touchpoint, locale, attributes, respondent_id,
       completed, answered, day, created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const PLANS = ['{"plan":"free"}', '{"plan":"pro"}', '{"plan":"team"}', '{"plan":"free","country":"IR"}'];
  const ans = db.prepare(
    `INSERT INTO answers (response_id, question_id, survey_id, touchpoint, day, num, text, sentiment, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const BATCH = 20_000;
  for (let i = 0; i < n; i += BATCH) {
    db.exec('BEGIN');
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const at = now - Math.floor(rnd() * days * 86_400_000);
      const day = new Date(at).toISOString().slice(0, 10);
      const id = `b${j.toString(36).padStart(10, '0')}-0000-4000-8000-000000000000`;
      const t = TOUCHPOINTS[j % TOUCHPOINTS.length][0];
      // a tenth of the responses come from identified respondents (5 answers each on average)
      const who = j % 10 === 1 ? `u${(j * 7919) % Math.max(1, Math.floor(n / 50))}` : null;
      resp.run(id, BENCH_SITE.id, BENCH_SURVEY, t, j % 3 ? 'en' : 'fa', PLANS[j % 4], who, 1, day, at, at);
      ans.run(id, 'nps', BENCH_SURVEY, t, day, Math.floor(rnd() * 11), null, null, at, at);
      if (j % 2 === 0) ans.run(id, 'csat', BENCH_SURVEY, t, day, 1 + Math.floor(rnd() * 5), null, null, at, at);
      if (j % 3 === 0) ans.run(id, 'ces', BENCH_SURVEY, t, day, 1 + Math.floor(rnd() * 7), null, null, at, at);
      if (j % 10 === 0)
        ans.run(id, 'why', BENCH_SURVEY, t, day, null, 'Delivery was slow but support was great', 0, at, at);
    }
    db.exec('COMMIT');
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}
