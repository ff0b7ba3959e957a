// Builds the widget and the dashboard into public/ (the Worker's [assets] directory).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { quietEnv, root, run } from './lib/run.mjs';

mkdirSync(join(root, 'public'), { recursive: true });
for (const app of ['widget', 'dashboard']) {
  const config = join(root, app, 'vite.config.ts');
  // Always what ships: a build started from the test runner (NODE_ENV=test) would otherwise carry
  // preact/debug and JSX debug props, and the browser tests would test another bundle.
  if (existsSync(config)) {
    run('npx', ['vite', 'build', '--logLevel', 'warn', '-c', config], { env: { ...quietEnv, NODE_ENV: 'production' } });
  } else console.log(`(no ${app}/vite.config.ts yet: skipped)`);
}
