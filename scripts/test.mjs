// `npm test`: type checks, lint, then every vitest project (shared, widget, worker in workerd, e2e in
// Chromium). Ends with the plain line `N passed, N failed` that CI reads. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quietEnv, root } from './lib/run.mjs';

const step = (name, cmd, args) => {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: quietEnv });
  return r.status === 0;
};

let failedSteps = 0;
if (!step('typecheck', 'npm', ['run', '-s', 'typecheck'])) failedSteps++;
if (!step('lint', 'npx', ['biome', 'check', '.'])) failedSteps++;

mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
const extra = process.argv.slice(2);
const ok = step('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  if (!r.success && failed === 0) failed = 1; // a suite that failed to load or a global setup error
} catch {
  failed += 1;
}
if (!ok && failed === 0) failed = 1;
failed += failedSteps; // a failed type check or lint counts as a failure
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && ok ? 0 : 1);
