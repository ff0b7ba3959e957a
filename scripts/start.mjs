// `npm start`: build, migrate the local D1 (.wrangler/state), seed the demo site once, serve on $PORT.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateLocal, quietEnv, root, run, startWorker } from './lib/run.mjs';
import { demoSql } from './seed-demo.mjs';

const port = Number(process.env.PORT ?? 8787);
const state = join(root, '.wrangler', 'state');
const demoFile = join(state, 'seda-demo.json');
mkdirSync(state, { recursive: true });

// SEDA_SKIP_BUILD=1 reuses an existing public/ (faster restarts).
if (process.env.SEDA_SKIP_BUILD !== '1') run('npm', ['run', '-s', 'build']);
migrateLocal(state);

const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
let demo = existsSync(demoFile) ? JSON.parse(readFileSync(demoFile, 'utf8')) : null;
if (!demo || demo.port !== port) {
  console.log('Seeding the demo site (a few thousand responses over 90 days)…');
  const { sql, apiKey } = demoSql({ origins });
  const file = join(root, '.wrangler', 'seed-demo.sql');
  writeFileSync(file, sql);
  run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--file', file, '--yes'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...quietEnv, CI: 'true' },
  });
  demo = { port, apiKey, adminToken: process.env.ADMIN_TOKEN ?? randomBytes(18).toString('base64url') };
  writeFileSync(demoFile, JSON.stringify(demo, null, 2));
}
const adminToken = process.env.ADMIN_TOKEN ?? demo.adminToken;

const worker = await startWorker({
  port,
  persistTo: state,
  vars: { ADMIN_TOKEN: adminToken, ALLOW_PRIVATE_WEBHOOKS: '1' },
  log: false,
});
const url = `http://localhost:${port}`;
console.log(`
Seda is running at ${url}
  Dashboard      ${url}/dashboard/   (sign in with the demo API key)
  Demo pages     ${url}/demo/shop.html   ${url}/demo/fa.html
  Demo site key  demo
  Demo API key   ${demo.apiKey}
  Admin token    ${adminToken}
  Try            curl -H "Authorization: Bearer ${demo.apiKey}" ${url}/v1/surveys/sv_demo_nps/results
Press Ctrl+C to stop.`);

const stop = () => {
  worker.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
