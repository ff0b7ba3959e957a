/**
 * `npx vite build -c widget/vite.config.ts` builds, into the Worker's assets (`public/`, never emptied):
 *   public/w.js            the loader (IIFE, no exports, no globals but window.seda)
 *   public/w/ui-HASH.js    the survey UI (IIFE, Preact + styles), injected by the loader when a survey shows
 *   public/demo/*.html     the demo pages
 *   public/_headers        cache rules for the above (a marked section; other sections are kept)
 * and, for single-page apps, the ES module build `dist/widget/index.js` (+ a lazily imported UI chunk).
 * File names avoid words that ad-block lists match ("survey", "feedback", "poll").
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const root = at('..');
const pub = at('../public');

const common: InlineConfig = {
  configFile: false,
  root,
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
};

const HEADERS = `# seda-widget:start (written by widget/vite.config.ts)
/w.js
  Cache-Control: public, max-age=300
  Access-Control-Allow-Origin: *
/w/*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
# seda-widget:end
`;

function assets(): Plugin {
  let ui = '';
  return {
    name: 'seda-widget-assets',
    apply: 'build',
    buildStart() {
      rmSync(`${pub}/w`, { recursive: true, force: true });
      rmSync(`${pub}/w.js`, { force: true });
    },
    generateBundle(_, bundle) {
      for (const f of Object.values(bundle)) if (f.type === 'chunk' && f.isEntry) ui = f.fileName;
    },
    async closeBundle() {
      // The loader, told where the UI bundle is (relative to its own folder).
      await build({
        ...common,
        define: { __SEDA_UI__: JSON.stringify(ui) },
        build: {
          outDir: pub,
          emptyOutDir: false,
          modulePreload: false,
          rolldownOptions: { input: at('loader/main.ts'), output: { format: 'iife', entryFileNames: 'w.js' } },
        },
      });
      // The ES module entry for single-page apps.
      await build({
        ...common,
        build: {
          outDir: at('../dist/widget'),
          emptyOutDir: true,
          lib: { entry: at('index.ts'), formats: ['es'], fileName: 'index' },
        },
      });
      mkdirSync(`${pub}/demo`, { recursive: true });
      for (const f of readdirSync(at('demo'))) copyFileSync(at(`demo/${f}`), `${pub}/demo/${f}`);
      const file = `${pub}/_headers`;
      const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
      writeFileSync(file, old.replace(/# seda-widget:start[\s\S]*?# seda-widget:end\n?/, '') + HEADERS);
    },
  };
}

const { configFile: _, ...own } = common;

export default defineConfig({
  ...own,
  plugins: [assets()],
  build: {
    outDir: pub,
    emptyOutDir: false,
    modulePreload: false,
    rolldownOptions: { input: at('ui/entry.ts'), output: { format: 'iife', entryFileNames: 'w/ui-[hash].js' } },
  },
});
