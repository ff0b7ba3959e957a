// `npm pack` / `npm publish` run this first: the widget's ES modules (dist/widget/index.js, preview.js
// and their chunks) and their type declarations (dist/widget/types/, from tsc, so no .ts source is
// ever what a user's compiler reads). The package ships only these (package.json "files").
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { quietEnv, root, run } from './lib/run.mjs';

rmSync(join(root, 'dist', 'widget'), { recursive: true, force: true });
run('npx', ['vite', 'build', '--logLevel', 'warn', '-c', join(root, 'widget', 'vite.config.ts')], {
  env: { ...quietEnv, NODE_ENV: 'production', SEDA_WIDGET_LIB: '1' },
});
run('npx', ['tsc', '-p', join(root, 'widget', 'tsconfig.types.json')]);
