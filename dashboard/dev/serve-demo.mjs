// A private demo Worker for working on the dashboard: a fresh D1 in a temp dir (so it never
// touches .wrangler/state that `npm start` shares), the demo seed, `wrangler dev` on PORT.
// usage: node dashboard/dev/serve-demo.mjs [PORT]   (build first: npx vite build -c dashboard/vite.config.ts)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLocal, startWorker } from '../../scripts/lib/run.mjs';
import { seedDemo } from '../../scripts/lib/seed.mjs';

const port = Number(process.argv[2] ?? 8799);
const dir = mkdtempSync(join(tmpdir(), 'seda-dash-'));
migrateLocal(dir);
// Progress on stderr: stdout's one line is the JSON below.
const { apiKey } = await seedDemo({
  persistTo: dir,
  origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  log: (line) => console.error(line),
});
const worker = await startWorker({
  port,
  persistTo: dir,
  vars: { ADMIN_TOKEN: 'dev-admin', RATE_LIMIT_PER_MINUTE: '0' },
});
console.log(JSON.stringify({ url: worker.url, apiKey, adminToken: 'dev-admin', dir }));
const stop = () => {
  worker.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
