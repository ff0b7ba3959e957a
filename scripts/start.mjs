// `npm start`: build, migrate the local D1 (.wrangler/state), reseed the demo site relative to today, serve on $PORT.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrateLocalWithProgress, portInUse, root, run, startWorker } from './lib/run.mjs';
import { seedDemo } from './lib/seed.mjs';

const port = Number(process.env.PORT ?? 8787);
// SEDA_STATE_DIR: where the local D1 lives (default .wrangler/state; the npm start test uses a temp one).
const state = process.env.SEDA_STATE_DIR ? resolve(process.env.SEDA_STATE_DIR) : join(root, '.wrangler', 'state');
const demoFile = join(state, 'seda-demo.json');
mkdirSync(state, { recursive: true });

// Progress on every step: the first start takes minutes (build, migrations, seeding) and silence
// reads as a hang. Each step says what it does and how far it is.
const t0 = Date.now();
const secs = () => `${Math.round((Date.now() - t0) / 1000)} s`;
const step = (n, what) => console.log(`[${n}/4] ${what}… (${secs()})`);

// Before minutes of work: a port another server holds would make the start fail at the end.
if (await portInUse(port)) {
  console.error(`Port ${port} is already in use. Stop what runs there, or start on another port: PORT=8788 npm start`);
  process.exit(1);
}

// SEDA_SKIP_BUILD=1 reuses an existing public/ (faster restarts).
if (process.env.SEDA_SKIP_BUILD !== '1') {
  step(1, 'Building the widget and the dashboard into public/');
  run('npm', ['run', '-s', 'build']);
  console.log(`      built (${secs()})`);
} else step(1, 'Reusing the existing build in public/ (SEDA_SKIP_BUILD=1)');
step(2, 'Applying the database migrations to the local D1');
await migrateLocalWithProgress(state);

const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
let demo = existsSync(demoFile) ? JSON.parse(readFileSync(demoFile, 'utf8')) : null;
// The demo is reseeded relative to today on every start (a fresh quarter of answers, so the default
// views always show numbers); its API key is kept. SEDA_KEEP_DEMO=1 keeps the data as it is.
if (!demo || demo.port !== port || process.env.SEDA_KEEP_DEMO !== '1') {
  step(3, 'Seeding the demo site: a quarter of answers ending today');
  const { apiKey } = await seedDemo({
    persistTo: state,
    origins,
    apiKey: demo?.port === port ? demo.apiKey : undefined,
  });
  demo = {
    port,
    apiKey,
    adminToken: demo?.adminToken ?? process.env.ADMIN_TOKEN ?? randomBytes(18).toString('base64url'),
  };
  writeFileSync(demoFile, JSON.stringify(demo, null, 2));
} else step(3, 'Keeping the demo data as it is (SEDA_KEEP_DEMO=1)');
const adminToken = process.env.ADMIN_TOKEN ?? demo.adminToken;

step(4, `Starting the Worker (wrangler dev) on port ${port}`);
const worker = await startWorker({
  port,
  persistTo: state,
  vars: { ADMIN_TOKEN: adminToken, ALLOW_PRIVATE_WEBHOOKS: '1' },
  log: false,
});
const url = `http://localhost:${port}`;
console.log(`
Seda is running at ${url} (ready in ${secs()})
  Dashboard      ${url}/dashboard/   (sign in with the demo API key)
  Demo pages     ${url}/demo/shop.html (NPS)   ${url}/demo/checkout.html (CSAT)
                 ${url}/demo/help.html (CES)   ${url}/demo/fa.html (NPS, Persian)
  Demo site key  demo
  Demo API key   ${demo.apiKey}
  Admin token    ${adminToken}
  Try            export API_KEY=${demo.apiKey}
                 curl -H "Authorization: Bearer $API_KEY" ${url}/v1/surveys/sv_demo_nps/results
Press Ctrl+C to stop.`);

const stop = () => {
  worker.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
