// Bulk-loads N responses spread over a year into a local D1, fast enough for 1,000,000 (a few minutes
// on the 2-core VM instead of ~20 through the triggers). The rows are generated inside the database by
// recursive CTEs (`wrangler d1 execute --file`, so Miniflare's own SQLite writes them), with the schema's
// triggers set aside while loading; the tables the triggers keep (rollups, dimensional rollups,
// response_dims, the search index, the at-risk table) are then built by grouped INSERT … SELECTs stating
// what the triggers count, and the triggers are put back exactly as stored. The bench then compares the
// rollups with `source=scan` (`rollups-equal-scan-*`), so a drift between this rebuild and the triggers
// shows up as a MISMATCH rather than as a fast wrong number.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietEnv, run } from '../lib/run.mjs';
import { TOUCHPOINTS } from '../seed-demo.mjs';

// seed-demo.mjs bundled the sentiment engine (with the search folds) into .wrangler/ when it loaded.
const { analyzeSentiment, searchFoldSelect } = await import(
  new URL('../../.wrangler/sentiment.mjs', import.meta.url).href
);

export const BENCH_SITE = {
  id: '00000000-0000-4000-8000-0000000b0000',
  key: 'bench',
  apiKey: 'sk_bench0000key_benchbenchbenchbenchbench',
};
export const BENCH_SURVEY = 'sv_bench_1m';

/** Open texts of the bench (a tenth of the responses), with the sentiment the collector would store. */
export const BENCH_TEXTS = [
  ['Delivery was slow but support was great', 'en'],
  ['Checkout kept failing on my card', 'en'],
  ['Love the new app, so easy to use', 'en'],
  ['ارسال خیلی کند بود و پشتیبانی جواب نداد', 'fa'],
  ['قیمت مناسب بود، ممنون', 'fa'],
  ['The price went up again this month', 'en'],
].map(([text, locale]) => [text, { positive: 1, neutral: 0, negative: -1 }[analyzeSentiment(text, locale).label]]);

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** A deterministic pseudo-random integer in [0, 4294967291) per (row j, salt): a multiplicative hash mod a prime. */
const h = (j, salt) => `(((${j}) + ${salt * 1_000_003}) * 2654435761 % 4294967291)`;

function execute(persistTo, sql, { json = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'seda-load-'));
  const file = join(dir, 'load.sql');
  writeFileSync(file, sql);
  try {
    const r = run(
      'npx',
      [
        'wrangler',
        'd1',
        'execute',
        'DB',
        '--local',
        '--persist-to',
        persistTo,
        '--file',
        file,
        '--yes',
        ...(json ? ['--json'] : []),
      ],
      { stdio: ['ignore', json ? 'pipe' : 'ignore', 'inherit'], env: { ...quietEnv, CI: 'true' }, maxBuffer: 64 << 20 },
    );
    return json ? JSON.parse(r.stdout.toString()) : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function loadResponses(persistTo, opts = {}) {
  // The triggers as stored, to set aside while loading and put back after.
  const [{ results: triggers }] = execute(
    persistTo,
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid;",
    { json: true },
  );
  execute(persistTo, loadSql(triggers, opts));
}

/** The loading SQL: `triggers` ({name, sql} as in sqlite_master) are dropped first and created again last. */
export function loadSql(triggers, { n = 1_000_000, days = 365, now = Date.now(), origins = [] } = {}) {
  const hash = createHash('sha256').update(BENCH_SITE.apiKey).digest('hex');
  const definition = {
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?' } },
      { id: 'csat', type: 'csat', prompt: { en: 'Satisfied?' } },
      { id: 'ces', type: 'ces', prompt: { en: 'Easy?' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?' } },
    ],
  };
  const S = q(BENCH_SURVEY);
  const site = q(BENCH_SITE.id);

  const sql = [];
  sql.push(
    `INSERT INTO sites (id, key, name, origins, locale, recontact_days, created_at) VALUES (${site}, ${q(BENCH_SITE.key)}, 'Bench', ${q(JSON.stringify(origins))}, 'en', 0, ${now});`,
    `INSERT INTO api_keys (id, site_id, hash, name, scopes, created_at) VALUES ('bench0000key', ${site}, ${q(hash)}, 'bench', '["read","manage"]', ${now});`,
    ...TOUCHPOINTS.map(
      ([key, name, stage]) =>
        `INSERT INTO touchpoints (site_id, key, name, stage, created_at) VALUES (${site}, ${q(key)}, ${q(name)}, ${q(stage)}, ${now});`,
    ),
    `INSERT INTO surveys (id, site_id, name, status, definition, version, created_at, updated_at) VALUES (${S}, ${site}, 'Bench 1M', 'active', ${q(JSON.stringify(definition))}, 1, ${now}, ${now});`,
    // `plan` is declared as a segment (ready), so its rollups exist as they would live.
    `INSERT INTO segment_dims (site_id, name, ready, cursor) VALUES (${site}, 'plan', 1, '0');`,
  );
  for (const t of triggers) sql.push(`DROP TRIGGER ${t.name};`);

  // ---- raw rows, generated in the database, in chunks of 100,000 responses per statement
  const span = days * 86_400_000;
  const tp = `CASE j % ${TOUCHPOINTS.length} ${TOUCHPOINTS.map(([k], i) => `WHEN ${i} THEN ${q(k)}`).join(' ')} END`;
  const plans = ['{"plan":"free"}', '{"plan":"pro"}', '{"plan":"team"}', '{"plan":"free","country":"IR"}'];
  const plan = `CASE j % 4 ${plans.map((p, i) => `WHEN ${i} THEN ${q(p)}`).join(' ')} END`;
  const respondents = Math.max(1, Math.floor(n / 50));
  const CHUNK = 100_000;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    sql.push(`INSERT INTO responses (id, site_id, survey_id, survey_version, touchpoint, locale, attributes, respondent_id,
        completed, answered, day, created_at, updated_at)
      SELECT printf('b%010d-0000-4000-8000-000000000000', j), ${site}, ${S}, 1, ${tp},
        CASE WHEN j % 3 = 0 THEN 'fa' ELSE 'en' END, ${plan},
        CASE WHEN j % 10 = 1 THEN 'u' || ((j / 10 * 7919) % ${respondents}) END,
        1, 1, strftime('%Y-%m-%d', at / 1000, 'unixepoch'), at, at
      FROM (WITH RECURSIVE s(j) AS (SELECT ${start} UNION ALL SELECT j + 1 FROM s WHERE j < ${end - 1})
            SELECT j, ${now} - CAST(${h('j', 1)} / 4294967291.0 * ${span} AS INTEGER) AS at FROM s);`);
    // answers: NPS on every response, CSAT on half, CES on a third, a comment on a tenth
    const range = `r.id >= printf('b%010d', ${start}) AND r.id < printf('b%010d', ${end})`;
    const jOf = 'CAST(substr(r.id, 2, 10) AS INTEGER)';
    const answer = (qid, num, where, text = 'NULL', sentiment = 'NULL') =>
      `INSERT INTO answers (response_id, question_id, survey_id, touchpoint, day, num, text, sentiment, created_at, updated_at)
      SELECT r.id, ${q(qid)}, r.survey_id, r.touchpoint, r.day, ${num}, ${text}, ${sentiment}, r.created_at, r.created_at
      FROM (SELECT r.*, ${jOf} AS j FROM responses r WHERE r.survey_id = ${S} AND ${range}) AS r WHERE ${where};`;
    sql.push(
      answer('nps', `${h('j', 2)} % 11`, '1'),
      answer('csat', `1 + ${h('j', 3)} % 5`, 'j % 2 = 0'),
      answer('ces', `1 + ${h('j', 4)} % 7`, 'j % 3 = 0'),
      answer(
        'why',
        'NULL',
        'j % 10 = 0',
        `CASE (j / 10) % ${BENCH_TEXTS.length} ${BENCH_TEXTS.map(([t], i) => `WHEN ${i} THEN ${q(t)}`).join(' ')} END`,
        `CASE (j / 10) % ${BENCH_TEXTS.length} ${BENCH_TEXTS.map(([, s], i) => `WHEN ${i} THEN ${s}`).join(' ')} END`,
      ),
    );
  }

  // ---- what the triggers would have built, stated as grouped reads of the rows just loaded
  const vs = Array.from({ length: 11 }, (_, v) => `SUM(a.num = ${v})`).join(', ');
  const vcols = Array.from({ length: 11 }, (_, v) => `v${v}`).join(', ');
  sql.push(
    `INSERT INTO response_rollups (survey_id, touchpoint, day, started, answered, completed)
     SELECT survey_id, touchpoint, day, COUNT(*), SUM(answered), SUM(completed AND answered) FROM responses
     WHERE survey_id = ${S} GROUP BY survey_id, day, touchpoint;`,
    `INSERT INTO answer_rollups (survey_id, question_id, touchpoint, day, n, ${vcols})
     SELECT a.survey_id, a.question_id, a.touchpoint, a.day, COUNT(*), ${vs} FROM answers a
     WHERE a.survey_id = ${S} AND a.num IS NOT NULL GROUP BY a.survey_id, a.day, a.question_id, a.touchpoint;`,
    `INSERT INTO question_rollups (survey_id, question_id, touchpoint, day, answered, positive, neutral, negative)
     SELECT a.survey_id, a.question_id, a.touchpoint, a.day, COUNT(*), SUM(a.sentiment IS 1), SUM(a.sentiment IS 0), SUM(a.sentiment IS -1)
     FROM answers a WHERE a.survey_id = ${S} AND a.num IS NULL GROUP BY a.survey_id, a.day, a.question_id, a.touchpoint;`,
    // the first 50 values of each declared attribute get rollups (here: free, pro, team)
    `INSERT INTO segment_values (site_id, dim, value)
     SELECT ${site}, 'a:' || d.name, v.value FROM segment_dims d,
       (SELECT DISTINCT CAST(json_extract(attributes, '$.plan') AS TEXT) AS value FROM responses WHERE survey_id = ${S}) v
     WHERE d.site_id = ${site} AND d.name = 'plan' AND v.value IS NOT NULL LIMIT 50;`,
    `INSERT INTO response_dims (response_id, dim, value, survey_id, touchpoint, day, answered, completed)
     SELECT id, 'locale', locale, survey_id, touchpoint, day, answered, completed AND answered FROM responses WHERE survey_id = ${S} AND locale IS NOT NULL
     UNION ALL SELECT id, 'channel', channel, survey_id, touchpoint, day, answered, completed AND answered FROM responses WHERE survey_id = ${S}
     UNION ALL SELECT r.id, v.dim, v.value, r.survey_id, r.touchpoint, r.day, r.answered, r.completed AND r.answered
       FROM responses r JOIN segment_values v ON v.site_id = r.site_id AND v.dim = 'a:plan'
         AND v.value = CAST(json_extract(r.attributes, '$.plan') AS TEXT)
       WHERE r.survey_id = ${S};`,
    `INSERT INTO dim_response_rollups (survey_id, dim, value, touchpoint, day, started, answered, completed)
     SELECT survey_id, dim, value, touchpoint, day, COUNT(*), SUM(answered), SUM(completed) FROM response_dims
     WHERE survey_id = ${S} GROUP BY survey_id, dim, value, day, touchpoint;`,
    `INSERT INTO dim_answer_rollups (survey_id, dim, value, question_id, touchpoint, day, n, ${vcols})
     SELECT a.survey_id, d.dim, d.value, a.question_id, a.touchpoint, a.day, COUNT(*), ${vs}
     FROM response_dims d JOIN answers a ON a.response_id = d.response_id
     WHERE d.survey_id = ${S} AND a.num IS NOT NULL GROUP BY a.survey_id, d.dim, d.value, a.day, a.question_id, a.touchpoint;`,
    `INSERT INTO dim_question_rollups (survey_id, dim, value, question_id, touchpoint, day, answered, positive, neutral, negative)
     SELECT a.survey_id, d.dim, d.value, a.question_id, a.touchpoint, a.day, COUNT(*), SUM(a.sentiment IS 1), SUM(a.sentiment IS 0), SUM(a.sentiment IS -1)
     FROM response_dims d JOIN answers a ON a.response_id = d.response_id
     WHERE d.survey_id = ${S} AND a.num IS NULL GROUP BY a.survey_id, d.dim, d.value, a.day, a.question_id, a.touchpoint;`,
    // the search index (migration 0013's folds, from the same generator), numbered by time as migration
    // 0019's trigger does: after any text the demo seed already stamped with the same millisecond
    `INSERT INTO verbatim_keys (id, response_id, question_id)
     SELECT created_at * 65536 + row_number() OVER (PARTITION BY created_at ORDER BY response_id, question_id) - 1
       + (SELECT count(*) FROM verbatim_keys v WHERE v.id >= created_at * 65536 AND v.id < (created_at + 1) * 65536),
       response_id, question_id
     FROM answers WHERE survey_id = ${S} AND text IS NOT NULL;`,
    `INSERT INTO verbatim_fts (rowid, body) ${searchFoldSelect(
      `SELECT k.id AS id, a.text AS t FROM verbatim_keys k
       JOIN answers a ON a.response_id = k.response_id AND a.question_id = k.question_id WHERE a.survey_id = ${S}`,
    )};`,
    // the at-risk table: each identified respondent's latest and previous answer to the first NPS question
    `INSERT INTO respondent_risk (site_id, respondent_id, response_id, survey_id, touchpoint, latest, latest_at, latest_day, previous, previous_day)
     SELECT site_id, respondent_id, max(CASE WHEN k = 1 THEN response_id END), max(CASE WHEN k = 1 THEN survey_id END),
       max(CASE WHEN k = 1 THEN touchpoint END), max(CASE WHEN k = 1 THEN num END), max(CASE WHEN k = 1 THEN created_at END),
       max(CASE WHEN k = 1 THEN day END), max(CASE WHEN k = 2 THEN num END), max(CASE WHEN k = 2 THEN day END)
     FROM (SELECT r.site_id, r.respondent_id, r.id AS response_id, r.survey_id, r.touchpoint, r.day, a.num, a.created_at,
             ROW_NUMBER() OVER (PARTITION BY r.site_id, r.respondent_id ORDER BY a.created_at DESC, r.rowid DESC) AS k
           FROM responses r CROSS JOIN answers a ON a.response_id = r.id
           WHERE r.site_id = ${site} AND r.respondent_id IS NOT NULL AND a.question_id = 'nps' AND a.num IS NOT NULL)
     WHERE k <= 2 GROUP BY site_id, respondent_id;`,
  );
  for (const t of triggers) sql.push(`${t.sql};`);
  sql.push('PRAGMA optimize;');
  return sql.join('\n');
}
