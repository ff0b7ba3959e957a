// `npm run bench`: sizes, collector throughput against a bare insert-only Worker, exactly-once under
// retries and partial posts, sentiment accuracy per language, results/journey latency over N responses (rollups vs full scan), the
// widget's config per page view (config-gzip-10x3), the dashboard's first load and render, and the widget's longest task.
// Prints `name: value unit` lines and writes bench/results.json.
// Env: BENCH_RESPONSES (default 100000; `npm run bench:1m` sets 1000000), BENCH_SECONDS (load per Worker,
// default 20), SEDA_SKIP_BUILD=1, BENCH_SCALE_ONLY=1 (only the figures over N responses: no sizes,
// sentiment, collector throughput, exactly-once, dashboard or widget timings), BENCH_DB=dir (with
// BENCH_SCALE_ONLY=1: load once into dir, measure again on later runs).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SITE, BENCH_SURVEY, loadResponses } from './bench/load-1m.mjs';
import { freePort, migrateLocal, quietEnv, root, run, startWorker } from './lib/run.mjs';
import { seedDemo } from './lib/seed.mjs';
import { demoSql } from './seed-demo.mjs';

const N = Number(process.env.BENCH_RESPONSES ?? 100_000);
const SCALE_ONLY = process.env.BENCH_SCALE_ONLY === '1';
// Databases on tmpfs when there is one: the shared disk's jitter is not what the bench measures.
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = 32;
const results = [];
const label = N >= 1_000_000 ? `${N / 1_000_000}m` : `${N / 1000}k`;

function report(name, value, unit = '', note = '') {
  const shown = typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(2)) : value;
  console.log(`${name}: ${shown}${unit ? ` ${unit}` : ''}${note ? `  (${note})` : ''}`);
  results.push({ name, value, unit, ...(note ? { note } : {}) });
}

/** Thrown to end a BENCH_SCALE_ONLY run after the figures over N responses. */
class Done extends Error {}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Closed-loop load: CONCURRENCY workers posting back to back for `seconds`. */
async function load(url, makeBody, seconds, headers = {}) {
  const latencies = [];
  const batched = []; // the collector's Server-Timing: posts that shared each post's D1 write
  let ok = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', ...headers },
          body: makeBody(),
        });
        await r.arrayBuffer();
        const shared = /desc="(\d+) posts"/.exec(r.headers.get('server-timing') ?? '');
        if (shared) batched.push(Number(shared[1]));
        if (r.status === 202) ok++;
        else errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: ok / ((performance.now() - start) / 1000), p99: pct(latencies, 99), errors, batched };
}

async function timeGet(url, key, runs = 5) {
  const times = [];
  let rowsRead = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
    times.push(performance.now() - t);
    rowsRead = Number(r.headers.get('seda-rows-read'));
  }
  return { median: pct(times, 50), rowsRead };
}

// ---- sizes
if (process.env.SEDA_SKIP_BUILD !== '1') run('npm', ['run', '-s', 'build']);
const sizeScript = join(root, 'scripts', 'bench', 'widget-size.mjs');
if (SCALE_ONLY) {
  // only the figures over N responses
} else if (existsSync(sizeScript)) {
  const { widgetSizes } = await import(sizeScript);
  for (const s of await widgetSizes()) report(s.name, s.value, s.unit, s.note);
} else {
  report('loader-gzip', 'n/a', '', 'widget not built yet');
  report('survey-gzip', 'n/a', '', 'widget not built yet');
}

// ---- sentiment accuracy on the labelled sets (pure code, no Worker)
if (!SCALE_ONLY) {
  const { sentimentAccuracy } = await import('./bench/sentiment-accuracy.mjs');
  for (const s of await sentimentAccuracy()) report(s.name, s.value, s.unit, s.note);
}

// ---- collector throughput first, on a quiet machine
if (!SCALE_ONLY) await collectorThroughput();

// ---- the app with the demo seed + N bench responses
// BENCH_DB=dir (with BENCH_SCALE_ONLY=1) keeps the loaded database there: the next run applies new
// migrations to it and measures again without the load (~20 min for 1,000,000 on the 2-core VM), so the
// figures can be taken when the machine is quiet.
const KEEP = SCALE_ONLY ? process.env.BENCH_DB : undefined;
const marker = KEEP && join(KEEP, 'seda-bench-loaded.json');
const kept = marker && existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : undefined;
if (kept && kept.n !== N) throw new Error(`${KEEP} holds ${kept.n} responses, not ${N}: remove it or choose another`);
const dir = KEEP ?? mkdtempSync(join(scratch, 'seda-bench-'));
const stops = [];
try {
  migrateLocal(dir);
  const port = kept?.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  let demoKey;
  if (kept) console.log(`(reusing ${N} responses loaded in ${KEEP}; migrations applied)`);
  else {
    console.log('(seeding the demo site…)');
    ({ apiKey: demoKey } = await seedDemo({ persistTo: dir, origins: [origin, `http://localhost:${port}`] }));
    const t0 = performance.now();
    console.log(`(loading ${N} responses over 365 days: rows generated in D1, then what the triggers keep…)`);
    loadResponses(dir, { n: N, origins: [origin] });
    console.log(`(loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    if (marker) writeFileSync(marker, JSON.stringify({ n: N, port }));
  }

  const app = await startWorker({
    port,
    persistTo: dir,
    vars: { ADMIN_TOKEN: 'bench', RATE_LIMIT_PER_MINUTE: '0', DAILY_RESPONSE_CAP: '0' },
  });
  stops.push(app.stop);

  // ---- what every page view fetches: the targeting config of 10 surveys in 3 languages (budget 1024 B)
  {
    const { configGzip } = await import('./bench/config-size.mjs');
    const c = await configGzip(app.url, 'bench');
    report(c.name, c.value, c.unit, c.note);
  }

  // ---- results and journey over N responses: rollups vs the same query by full scan
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  const resultsUrl = `${app.url}/v1/surveys/${BENCH_SURVEY}/results?from=${from}&to=${to}&interval=week`;
  await timeGet(resultsUrl, BENCH_SITE.apiKey, 2); // warm up
  const r = await timeGet(resultsUrl, BENCH_SITE.apiKey, 7);
  report(`results-${label}`, r.median, 'ms', 'median of 7, rollups');
  // The scan is the slow reference. Above 500k responses it recomputes the last 30 days only (a year's
  // scan takes minutes there); either way the rollups must give the same numbers, which also checks that
  // the bulk loader built what the triggers would have.
  const scanFrom = N >= 500_000 ? new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10) : from;
  const scanUrl = `${app.url}/v1/surveys/${BENCH_SURVEY}/results?from=${scanFrom}&to=${to}&interval=week`;
  const scanName = N >= 500_000 ? `results-${label}-scan-30d` : `results-${label}-scan`;
  const scan = await timeGet(`${scanUrl}&source=scan`, BENCH_SITE.apiKey, N >= 500_000 ? 1 : 2);
  report(scanName, scan.median, 'ms', 'recomputed from every answer in the range');
  report(`results-${label}-rows-read`, r.rowsRead, '', `D1 rows read (${scanName}: ${scan.rowsRead})`);
  {
    const get = (u) => fetch(u, { headers: { authorization: `Bearer ${BENCH_SITE.apiKey}` } }).then((x) => x.json());
    const pick = (x) =>
      JSON.stringify([x.shown, x.responses, x.completed, x.metrics, x.trend, x.touchpoints, x.questions]);
    const [a, b] = await Promise.all([get(scanUrl), get(`${scanUrl}&source=scan`)]);
    report(`rollups-equal-scan-${label}`, pick(a) === pick(b) ? 'ok' : 'MISMATCH', '', `${scanFrom}..${to}`);
  }
  // Filters and breakdowns (#14): each from the dimensional rollups; rows read grow with days.
  for (const [name, url] of [
    [`results-${label}-segment`, `${resultsUrl}&segment=plan:pro`],
    [`results-${label}-locale`, `${resultsUrl}&locale=fa`],
    [`results-${label}-by`, `${resultsUrl}&by=plan`],
    [`at-risk-${label}`, `${app.url}/v1/at-risk?from=${from}&to=${to}`],
    [`verbatims-${label}-search`, `${app.url}/v1/surveys/${BENCH_SURVEY}/verbatims?q=zzzznothing`],
    // a word in one text of six (a sixtieth of the responses): the first page of its matches
    [
      `verbatims-${label}-search-hit`,
      `${app.url}/v1/surveys/${BENCH_SURVEY}/verbatims?q=${encodeURIComponent('کند بود')}`,
    ],
    [`terms-${label}`, `${app.url}/v1/surveys/${BENCH_SURVEY}/terms?from=${from}&to=${to}`],
  ]) {
    await timeGet(url, BENCH_SITE.apiKey, 1);
    const m = await timeGet(url, BENCH_SITE.apiKey, 5);
    report(name, m.median, 'ms', `median of 5; D1 rows read ${m.rowsRead}`);
  }
  {
    // The at-risk table against the scan of identified answers: the same list.
    const get = (u) => fetch(u, { headers: { authorization: `Bearer ${BENCH_SITE.apiKey}` } }).then((x) => x.json());
    const atRisk = `${app.url}/v1/at-risk?from=${from}&to=${to}`;
    const t = performance.now();
    const scanned = await get(`${atRisk}&source=scan`);
    const scanMs = performance.now() - t;
    const same = JSON.stringify((await get(atRisk)).items) === JSON.stringify(scanned.items);
    report(
      `at-risk-${label}-equal-scan`,
      same ? 'ok' : 'MISMATCH',
      '',
      `${scanned.items.length} listed; the scan took ${Math.round(scanMs)} ms`,
    );
  }
  {
    // Export of the year: time to the first byte, then rows per second over the whole stream.
    const t = performance.now();
    const res = await fetch(`${app.url}/v1/surveys/${BENCH_SURVEY}/responses?format=ndjson&from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${BENCH_SITE.apiKey}` },
    });
    const reader = res.body.getReader();
    let first = null;
    let rows = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      first ??= performance.now() - t;
      for (const b of value) if (b === 10) rows++;
    }
    const secs = (performance.now() - t) / 1000;
    report(
      `export-${label}`,
      Math.round(rows / secs),
      'rows/s',
      `first byte ${Math.round(first ?? 0)} ms, ${rows} rows`,
    );
  }
  if (SCALE_ONLY) throw new Done();
  const journeyUrl = `${app.url}/v1/journey?from=${from}&to=${to}`;
  await timeGet(journeyUrl, BENCH_SITE.apiKey, 2);
  const j = await timeGet(journeyUrl, BENCH_SITE.apiKey, 7);
  report(`journey-${label}`, j.median, 'ms', 'median of 7');
  report(`journey-${label}-rows-read`, j.rowsRead);

  // ---- exactly once: 20,000 submissions, 10% sent twice, 5% split into parts
  report('exactly-once-20k', await exactlyOnce(app.url, origin, demoKey));

  // ---- dashboard first load (what a first visit downloads) and first render
  const { dashboardFirstLoad } = await import('./bench/dashboard-size.mjs');
  const dl = dashboardFirstLoad(join(root, 'public'));
  report('dashboard-first-load-gzip', dl.bytes, 'B', `${dl.files} files; other screens on first visit`);
  const dashScript = join(root, 'scripts', 'bench', 'dashboard-render.mjs');
  if (existsSync(dashScript) && existsSync('/usr/bin/chromium')) {
    const { dashboardFirstRender } = await import(dashScript);
    const d = await dashboardFirstRender(app.url, demoKey);
    report(d.name, d.value, d.unit, 'headless chromium, demo data');
  } else report('dashboard-first-render', 'n/a', '', 'dashboard bench script or chromium missing');

  // ---- the widget's longest task on a host page at 4× CPU slowdown (budget 50 ms)
  if (existsSync('/usr/bin/chromium')) {
    const { widgetLongestTask } = await import(join(root, 'scripts', 'bench', 'widget-longtask.mjs'));
    for (const [lang, where] of [
      ['en', 'demo shop'],
      ['fa', 'Persian demo page'],
    ]) {
      const w = await widgetLongestTask(app.url, { lang });
      report(w.name, w.value, w.unit, `${where}, survey shown, median of ${w.runs.join('/')} ms; budget 50`);
      // the same window's wall time, which also holds the waits for one of this machine's two cores
      report(`${w.name}-wall`, w.wall, 'ms', `longtask observer, median of ${w.wallRuns.join('/')} ms`);
    }
  } else report('widget-longest-task-4x', 'n/a', '', 'chromium missing');
} catch (e) {
  if (!(e instanceof Done)) throw e;
} finally {
  for (const stop of stops) stop();
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}

writeFileSync(
  join(root, 'bench', SCALE_ONLY ? `results-scale-${label}.json` : 'results.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);

async function startBare(port, persistTo, config = 'bench/bare/wrangler.toml') {
  const { spawn } = await import('node:child_process');
  const child = spawn(
    'npx',
    ['wrangler', 'dev', '-c', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistTo],
    { cwd: root, env: { ...quietEnv, CI: 'true' }, stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => process.kill(-child.pid, 'SIGTERM') };
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('bare worker did not start');
}

/** Sends 20k submissions (10% twice, 5% in two parts) and checks each accepted one is stored once. */
async function exactlyOnce(url, origin, key) {
  const survey = await fetch(`${url}/v1/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Exactly once',
      status: 'active',
      questions: [
        { id: 'nps', type: 'nps', prompt: { en: 'Recommend?' } },
        { id: 'why', type: 'text', prompt: { en: 'Why?' } },
      ],
    }),
  }).then((r) => r.json());
  const surveyId = survey.survey.id;
  const posts = [];
  for (let i = 0; i < 20_000; i++) {
    const id = crypto.randomUUID();
    // A response posted in parts carries a write secret, as the widget's do: without one, a part that
    // arrives after the completing part is refused (docs/security.md), and the concurrent workers send
    // the two parts in either order.
    const base = { id, siteKey: 'demo', surveyId, secret: crypto.randomUUID().replaceAll('-', '') };
    const whole = {
      ...base,
      answers: [
        { questionId: 'nps', value: i % 11 },
        { questionId: 'why', value: `n${i}` },
      ],
      completed: true,
    };
    if (i % 20 === 0) {
      posts.push({ ...base, answers: [{ questionId: 'nps', value: i % 11 }], completed: false });
      posts.push({ ...base, answers: [{ questionId: 'why', value: `n${i}` }], completed: true });
    } else {
      posts.push(whole);
      if (i % 10 === 1) posts.push(whole);
    }
  }
  let next = 0;
  const accepted = new Set();
  const worker = async () => {
    while (next < posts.length) {
      const p = posts[next++];
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await fetch(`${url}/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin },
          body: JSON.stringify(p),
        }).catch(() => null);
        if (r) await r.arrayBuffer();
        if (r?.status === 202) {
          accepted.add(p.id);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const res = await fetch(`${url}/v1/surveys/${surveyId}/results`, {
    headers: { authorization: `Bearer ${key}` },
  }).then((r) => r.json());
  const ok =
    res.shown === accepted.size && res.completed === accepted.size && res.questions[0].answered === accepted.size;
  return `${ok ? 'ok' : 'MISMATCH'} (${posts.length} posts, ${accepted.size} responses accepted, ${res.shown} stored, ${res.completed} completed)`;
}

/**
 * Collector throughput at concurrency 32, side by side with the bare insert-only Worker. Measured
 * first, before the 1M-response load, so no other work (that load's disk writes, the scans) shares
 * the machine. Both write into a fresh database (the collector's holds only the demo site), so the
 * ratio measures the collector's own work, not the size of a database.
 */
async function collectorThroughput() {
  const freshDir = mkdtempSync(join(tmpdir(), 'seda-bench-fresh-'));
  const bareDir = mkdtempSync(join(tmpdir(), 'seda-bench-bare-'));
  const routedDir = mkdtempSync(join(tmpdir(), 'seda-bench-routed-'));
  const stops = [];
  try {
    const bareMigrate = (dir) =>
      run(
        'npx',
        [
          'wrangler',
          'd1',
          'migrations',
          'apply',
          'DB',
          '--local',
          '--persist-to',
          dir,
          '-c',
          'bench/bare/wrangler.toml',
        ],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...quietEnv, CI: 'true' },
        },
      );
    bareMigrate(bareDir);
    bareMigrate(routedDir);
    const bare = await startBare(await freePort(), bareDir);
    stops.push(bare.stop);
    const routed = await startBare(await freePort(), routedDir, 'bench/bare/wrangler.routed.toml');
    stops.push(routed.stop);
    migrateLocal(freshDir);
    const freshPort = await freePort();
    const freshOrigin = `http://127.0.0.1:${freshPort}`;
    const freshSeed = join(freshDir, 'seed.sql');
    writeFileSync(freshSeed, demoSql({ origins: [freshOrigin], responses: 0 }).sql);
    run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', freshDir, '--file', freshSeed, '--yes'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...quietEnv, CI: 'true' },
    });
    const fresh = await startWorker({
      port: freshPort,
      persistTo: freshDir,
      vars: { ADMIN_TOKEN: 'bench', RATE_LIMIT_PER_MINUTE: '0', DAILY_RESPONSE_CAP: '0' },
    });
    stops.push(fresh.stop);
    const body = () =>
      JSON.stringify({
        id: crypto.randomUUID(),
        siteKey: 'demo',
        surveyId: 'sv_demo_nps',
        touchpoint: 'checkout',
        answers: [
          { questionId: 'nps', value: Math.floor(Math.random() * 11) },
          { questionId: 'why', value: 'Checkout was slow and the page froze' },
        ],
        context: { url: `${freshOrigin}/checkout?x=1`, locale: 'en' },
        completed: true,
      });
    const targets = {
      app: [`${fresh.url}/v1/responses`, { origin: freshOrigin }],
      bare: [`${bare.url}/`, {}],
      routed: [`${routed.url}/v1/responses`, {}],
    };
    for (const [url, headers] of Object.values(targets)) await load(url, body, 2, headers); // warm up
    // Short rounds, the order rotated each round, so drift on a shared machine hits all alike; on a
    // 2-core VM one round's rate swings by ±15%, so many short rounds give a steadier mean.
    const rounds = 10;
    const roundSeconds = SECONDS / rounds; // per Worker
    const names = Object.keys(targets);
    const runs = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length];
        const [url, headers] = targets[name];
        runs[name].push(await load(url, body, roundSeconds, headers));
      }
    }
    const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const rps = (name) => mean(runs[name].map((r) => r.rps));
    const spread = (name) => {
      const paired = runs.app.map((r, i) => r.rps / runs[name][i].rps).sort((a, b) => a - b);
      return `${rounds} paired rounds ranged ${paired[0].toFixed(2)}–${paired.at(-1).toFixed(2)}`;
    };
    const errors = runs.app.reduce((s, r) => s + r.errors, 0);
    report('bare-insert-rps', rps('bare'), 'req/s');
    report('collector-rps', rps('app'), 'req/s', errors ? `${errors} non-202` : 'NPS + a comment per post');
    report('collector-ratio', rps('app') / rps('bare'), '', `budget ≥ 0.70; ${spread('bare')}`);
    report('collector-p99', Math.max(...runs.app.map((r) => r.p99)), 'ms', 'worst round');
    // The same figure for the bare insert: on this machine most of a request's time at concurrency 32
    // is queueing in wrangler's proxy and workerd, which both Workers share.
    const batched = runs.app.flatMap((r) => r.batched);
    if (batched.length) {
      report(
        'collector-write-sharing',
        batched.reduce((a, b) => a + b, 0) / batched.length,
        'posts',
        'mean posts per D1 write, seen by each post (group commit)',
      );
    }
    report('bare-insert-p99', Math.max(...runs.bare.map((r) => r.p99)), 'ms', 'worst round');
    // The app serves the widget and dashboard as static assets (the contract's [assets] directory), so
    // each request first passes the platform's assets router; Miniflare runs that router as extra
    // Worker hops on the same 2 cores. The same bare Worker deployed that way isolates the collector's own work.
    report('bare-insert-routed-rps', rps('routed'), 'req/s', 'the bare Worker behind the same assets router');
    report('collector-ratio-same-routing', rps('app') / rps('routed'), '', spread('routed'));
  } finally {
    for (const stop of stops) stop();
    for (const dir of [freshDir, bareDir, routedDir]) rmSync(dir, { recursive: true, force: true });
  }
}
