/**
 * The widget as an npm package, as a user gets it: `npm pack` at the repo root (its prepack builds the
 * ES modules and the .d.ts), the tarball installed (--prefer-offline) into a plain Vite + TypeScript app, which
 * type-checks (strict, and the package's own declarations checked: no skipLibCheck) and builds.
 * Runs on a copy of the sources, so the checkout's dist/ and public/ are never rebuilt under other tests.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const tmp = mkdtempSync(join(tmpdir(), 'seda-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const APP = `import { identify, init, type InitOptions, show, touchpoint, track } from 'seda/widget';
import { renderPreview } from 'seda/widget/preview';

const options: InitOptions = { site: 'SITE_KEY', api: 'https://collector.example' };
init(options);
identify('user-42', { plan: 'pro', seats: 5 }, { hash: 'ab'.repeat(32) });
touchpoint('checkout');
track('order_completed');
show('SURVEY_ID');
// @ts-expect-error attributes are flat: no nested objects
identify('user-42', { nested: { a: 1 } });
const stop: () => void = renderPreview(document.body, { id: 's', version: 1, questions: [] } as never, {
  locale: 'fa',
  mode: 'dark',
});
stop();
`;

describe('the widget package', () => {
  it('npm pack gives built JS and .d.ts; a plain Vite + TypeScript app installs it (from the npm cache where it can), type-checks and builds', () => {
    // a copy of what the package is built from; node_modules shared (read only)
    const src = join(tmp, 'src');
    mkdirSync(src);
    for (const f of ['package.json', 'tsconfig.json', 'widget', 'shared', 'scripts']) {
      cpSync(join(root, f), join(src, f), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'));
    const pack = sh('npm', ['pack', '--json', '--pack-destination', tmp], src);
    expect(pack.code, pack.out).toBe(0);
    const [info] = JSON.parse(pack.out.slice(pack.out.indexOf('['), pack.out.lastIndexOf(']') + 1)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = info!.files.map((f) => f.path);
    expect(files).toContain('dist/widget/index.js');
    expect(files).toContain('dist/widget/types/widget/index.d.ts');
    expect(files).toContain('dist/widget/types/widget/ui/index.d.ts');
    // no sources: a user's tsc never compiles our .ts/.tsx
    expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);

    const app = join(tmp, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        include: ['src'],
      }),
    );
    writeFileSync(join(app, 'index.html'), '<!doctype html><script type="module" src="/src/main.ts"></script>');
    writeFileSync(join(app, 'src', 'main.ts'), APP);
    const install = sh(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(tmp, info!.filename)],
      app,
    );
    expect(install.code, install.out).toBe(0);
    // the app's own TypeScript and Vite (the repo's copies, run in the app's folder)
    const tsc = sh(bin('tsc'), ['-p', '.'], app);
    expect(tsc.code, tsc.out).toBe(0);
    const vite = sh(bin('vite'), ['build', '--logLevel', 'error'], app);
    expect(vite.code, vite.out).toBe(0);
    const assets = readdirSync(join(app, 'dist', 'assets'));
    expect(assets.some((f) => f.endsWith('.js'))).toBe(true);
    // the survey UI stays a lazily loaded chunk of its own in the app's build
    expect(assets.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
    const html = readFileSync(join(app, 'dist', 'index.html'), 'utf8');
    expect(html).toMatch(/assets\/index-[\w-]+\.js/);
  }, 300_000);
});
