// Seeds the demo site into a local D1 (a `--persist-to` directory) with a progress line per batch.
// Through wrangler's platform proxy (one local D1, batches of statements) rather than
// `wrangler d1 execute --file`, which ran the whole file in minutes of silence (and slower).
import { join } from 'node:path';
import { demoSql } from '../seed-demo.mjs';
import { root } from './run.mjs';

const fmt = new Intl.NumberFormat('en');
/** Statements per D1 batch (one transaction each): about 450 responses with their answers. */
const BATCH = 1000;

/**
 * Writes the demo site, its touchpoints, surveys and a quarter of answers ending today into the
 * local D1 under `persistTo` (migrations applied first). `log` gets one line per batch with the
 * responses written so far. Returns { apiKey, responses, answers }.
 */
export async function seedDemo({ persistTo, origins, apiKey, responses, log = console.log }) {
  const started = Date.now();
  const secs = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const { statements, apiKey: key } = demoSql({ origins, apiKey, ...(responses !== undefined ? { responses } : {}) });
  const total = statements.filter(isResponse).length;
  const totalAnswers = statements.filter(isAnswer).length;
  log(`      generated ${fmt.format(total)} responses and ${fmt.format(totalAnswers)} answers (${secs()})`);
  const { getPlatformProxy } = await import('wrangler');
  const { env, dispose } = await getPlatformProxy({
    configPath: join(root, 'wrangler.toml'),
    persist: { path: join(persistTo, 'v3') },
    remoteBindings: false,
  });
  try {
    let written = 0;
    for (let i = 0; i < statements.length; i += BATCH) {
      const batch = statements.slice(i, i + BATCH);
      await env.DB.batch(batch.map((s) => env.DB.prepare(s)));
      written += batch.filter(isResponse).length;
      log(`      ${fmt.format(written)} of ${fmt.format(total)} responses written (${secs()})`);
    }
  } finally {
    await dispose();
  }
  return { apiKey: key, responses: total, answers: totalAnswers };
}

const isResponse = (s) => s.startsWith('INSERT INTO responses ');
const isAnswer = (s) => s.startsWith('INSERT INTO answers ');
