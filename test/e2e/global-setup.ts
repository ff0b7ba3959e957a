import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { freePort, migrateLocal, run, startWorker } from '../../scripts/lib/run.mjs';
import { startFakeSiteverify } from './fake-siteverify';

declare module 'vitest' {
  export interface ProvidedContext {
    collectorUrl: string;
    adminToken: string;
  }
}

/**
 * Starts the Worker the way the contract's outside tests do: build, migrate a fresh local D1,
 * `wrangler dev` with an admin token and rate limiting off. SEDA_SKIP_BUILD=1 reuses public/.
 */
export default async function setup(project: TestProject) {
  if (process.env.SEDA_SKIP_BUILD !== '1') run('npm', ['run', '-s', 'build']);
  const dir = mkdtempSync(join(tmpdir(), 'seda-e2e-'));
  migrateLocal(dir);
  const adminToken = `e2e-${crypto.randomUUID()}`;
  // Turnstile tokens are checked against a local stand-in: Cloudflare is not reachable from tests.
  const siteverify = await startFakeSiteverify();
  const worker = await startWorker({
    port: await freePort(),
    persistTo: dir,
    vars: {
      ADMIN_TOKEN: adminToken,
      RATE_LIMIT_PER_MINUTE: '0',
      ALLOW_PRIVATE_WEBHOOKS: '1',
      TURNSTILE_VERIFY_URL: siteverify.url,
    },
  });
  project.provide('collectorUrl', worker.url);
  project.provide('adminToken', adminToken);
  project.provide('siteverifyUrl', siteverify.url);
  return () => {
    worker.stop();
    siteverify.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
