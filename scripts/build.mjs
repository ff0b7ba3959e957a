// Builds the widget and the dashboard into public/ (the Worker's [assets] directory).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib/run.mjs';

mkdirSync(join(root, 'public'), { recursive: true });
for (const app of ['widget', 'dashboard']) {
  const config = join(root, app, 'vite.config.ts');
  if (existsSync(config)) run('npx', ['vite', 'build', '--logLevel', 'warn', '-c', config]);
  else console.log(`(no ${app}/vite.config.ts yet: skipped)`);
}
