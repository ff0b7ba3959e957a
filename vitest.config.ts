import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url)));

export default defineConfig({
  test: {
    projects: [
      {
        // Pure code from shared/ (metric math, schemas, sentiment) in plain Node.
        test: { name: 'shared', environment: 'node', include: ['test/shared/**/*.test.ts'] },
      },
      {
        // The API's document as outside tools read it: @redocly/cli lint, openapi-typescript + openapi-fetch.
        test: { name: 'contract', environment: 'node', include: ['test/contract/**/*.test.ts'], testTimeout: 180_000 },
      },
      {
        // The widget's pure logic (targeting, frequency rules, i18n, delivery queue) in plain Node.
        test: { name: 'widget', environment: 'node', include: ['test/widget/**/*.test.ts'] },
      },
      {
        // The dashboard's logic (router, metric and number/date formatting, editor drafts, form
        // refusals, API URLs) in plain Node; the router's store runs in happy-dom (its file says so).
        test: { name: 'dashboard', environment: 'node', include: ['test/dashboard/**/*.test.ts'] },
      },
      {
        // The Worker inside workerd with a real D1 and the migrations applied.
        plugins: [
          cloudflareTest({
            main: './worker/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ADMIN_TOKEN: 'test-admin-token',
                RATE_LIMIT_PER_MINUTE: '0',
                ALLOW_PRIVATE_WEBHOOKS: '1',
                TEST_MIGRATIONS: migrations,
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          testTimeout: 30_000,
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
      {
        // Real Chromium against the built assets served by `wrangler dev` (the contract's way).
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll's own default (1 s) is shorter than a round trip plus a render on a busy CI machine
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
