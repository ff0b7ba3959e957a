/**
 * `npx vite build -c widget/vite.config.ts` builds, into the Worker's assets (`public/`, never emptied):
 *   public/w.js              the loader (IIFE, no exports, no globals but window.seda)
 *   public/w/HASH/LANG.js    the survey UI (IIFE: Preact, components, styles, LANG's words; en.js also
 *                            serves languages without words of their own), injected by the loader only
 *                            when a survey shows; one per UI language
 *   public/w/HASH/d.js       the delivery chunk (IIFE: the outbox sender alone), injected by the loader
 *                            when an earlier page view left answers unsent
 *   public/w/HASH/r.js       the URL and attribute rules' matchers (IIFE), injected by the loader only
 *                            for sites whose surveys have such rules
 *   public/w/HASH/t.js       Cloudflare Turnstile (IIFE), injected (by the loader, for the UI) only for
 *                            sites that turn Turnstile on
 *   public/s.js              the hosted survey page's script (IIFE: the same UI, every language,
 *                            Turnstile inlined), loaded by the Worker's `/s/TOKEN` pages
 *   public/demo/*.html       the demo pages
 *   public/_headers          cache rules for the above (a marked section; other sections are kept)
 * and the ES module builds `dist/widget/index.js` (init and the commands, for single-page apps; the UI
 * is a lazily imported chunk) and `dist/widget/preview.js` (renderPreview, for the editor).
 * File names avoid words that ad-block lists match ("survey", "feedback", "poll").
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { build, defineConfig, type InlineConfig, type Plugin, type Rolldown } from 'vite';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const root = at('..');
const pub = at('../public');
/** i18n/text.ts read as data (`lang: '...'` lines), so the config imports no app code. */
const TEXT: Record<string, string> = Object.fromEntries(
  [...readFileSync(at('i18n/text.ts'), 'utf8').matchAll(/^ {2}(\w+): '(.*)',$/gm)].map((m) => [m[1]!, m[2]!]),
);
/** UI languages with a bundle of their own besides en.js (the default, and the one for other languages). */
const LANGS = Object.keys(TEXT).filter((l) => l !== 'en');

const common = {
  root,
  publicDir: false,
  logLevel: 'warn',
  // Classic JSX (h calls): smaller than the automatic runtime's jsx() calls with `children` arrays.
  // development: false even when NODE_ENV is not production (the e2e setup builds inside vitest), so
  // what the tests load is what ships: no __source/__self debug props
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
} satisfies InlineConfig;

/**
 * The ES module entries for single-page apps and the editor (all languages; the UI is a lazy chunk):
 * index (init + commands) and preview (renderPreview). What the npm package ships, with the types
 * from tsconfig.types.json (scripts/prepack.mjs builds only these: SEDA_WIDGET_LIB=1).
 */
const lib = {
  ...common,
  build: {
    outDir: at('../dist/widget'),
    emptyOutDir: true,
    // self-contained (Preact inside): a page can import it as it is, no bundler needed
    lib: { entry: { index: at('index.ts'), preview: at('ui/index.ts') }, formats: ['es'] },
  },
} satisfies InlineConfig;

const HEADERS = `# seda-widget:start (written by widget/vite.config.ts)
/w.js
  Cache-Control: public, max-age=300, stale-while-revalidate=604800
  Access-Control-Allow-Origin: *
/w/*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/s.js
  Cache-Control: public, max-age=300, stale-while-revalidate=604800
# seda-widget:end
`;

/**
 * Replaces i18n/text.ts with one language's words: a survey shown in another language is drawn by
 * that language's bundle (ui/mount.ts asks the loader for it), so no visitor downloads words twice.
 */
function only(lang: string): Plugin {
  return {
    name: 'seda-ui-lang',
    load(id) {
      if (!id.endsWith('/i18n/text.ts')) return;
      const keep = { [lang]: TEXT[lang] };
      return `export const TEXT = ${JSON.stringify(keep)};`;
    },
  };
}

/** In the script-tag UI bundles, the Turnstile chunk is a script of its own (t.js), not an import(). */
const scriptTurnstile: Plugin = {
  name: 'seda-ui-turnstile',
  load(id) {
    if (id.endsWith('/ui/ts-load.ts')) return readFileSync(at('ui/ts-script.ts'), 'utf8');
  },
};

/** In the hosted page's script, Turnstile is inside s.js (no loader there to inject t.js). */
const inlineTurnstile: Plugin = {
  name: 'seda-page-turnstile',
  load(id) {
    if (id.endsWith('/ui/ts-load.ts')) return readFileSync(at('page/ts-inline.ts'), 'utf8');
  },
};

/**
 * The scripts a visitor downloads get a second minification by terser after the default one: about
 * 2% smaller gzipped than either alone, which is what keeps the loader and the survey in budget. Then
 * a third, which hoists `var` declarations (Preact's) to the top of each function: on code terser has
 * already shaped, that saves about 40 B gzip of a UI bundle (on the first pass it costs bytes), and
 * it never changes what the code does. Each pass is kept only if it is smaller.
 */
async function shrink(code: string): Promise<string> {
  let out = code;
  for (const hoist_vars of [false, true]) {
    const next = (
      await minify(out, {
        ecma: 2020,
        compress: { passes: 3, unsafe_arrows: true, pure_getters: true, hoist_vars },
        mangle: true,
      })
    ).code;
    if (next && gz(next) < gz(out)) out = next;
  }
  return out;
}

const gz = (s: string) => gzipSync(s, { level: 9 }).length;

/** The same for the entry build (w.js). */
const shrinkEntry: Plugin = {
  name: 'seda-shrink',
  async generateBundle(_, bundle) {
    for (const c of Object.values(bundle)) if (c.type === 'chunk') c.code = await shrink(c.code);
  },
};

/** One IIFE script, kept in memory. */
async function iife(input: string, plugins: Plugin[]): Promise<string> {
  const out = (await build({
    ...common,
    configFile: false,
    plugins,
    build: { write: false, modulePreload: false, rolldownOptions: { input, output: { format: 'iife' } } },
  })) as Rolldown.RolldownOutput;
  return shrink(out.output[0].code);
}

/**
 * V8's explicit compile hint (Chrome 136+; a plain comment elsewhere): every function of the file is
 * compiled when the script is, off the main thread while it streams in, instead of one by one on the
 * main thread at their first call. Nearly all of a UI bundle runs when its survey is drawn, and that
 * lazy compiling was about half of the render task's time at 4× CPU slowdown. It must be the file's
 * first line.
 */
const EAGER = '//# allFunctionsCalledOnLoad\n';

const ui = async (lang: string) => EAGER + (await iife(at('ui/entry.ts'), [only(lang), scriptTurnstile]));

function widget(): Plugin {
  let dir = '';
  return {
    name: 'seda-widget',
    apply: 'build',
    async buildStart() {
      rmSync(`${pub}/w`, { recursive: true, force: true });
      rmSync(`${pub}/w.js`, { force: true });
      const code: Record<string, string> = {};
      for (const l of ['en', ...LANGS]) code[l] = await ui(l);
      code.t = await iife(at('ui/ts-entry.ts'), []);
      code.d = await iife(at('ui/d-entry.ts'), [scriptTurnstile]);
      code.r = await iife(at('loader/rules-entry.ts'), []);
      dir = `w/${createHash('sha256').update(JSON.stringify(code)).digest('hex').slice(0, 10)}/`;
      mkdirSync(`${pub}/${dir}`, { recursive: true });
      for (const [l, c] of Object.entries(code)) writeFileSync(`${pub}/${dir}${l}.js`, c);
      // The hosted page: one script for every language (a page, not a visitor's every page view).
      rmSync(`${pub}/s.js`, { force: true });
      writeFileSync(`${pub}/s.js`, await iife(at('page/main.ts'), [inlineTurnstile]));
    },
    transform(code, id) {
      if (!id.endsWith('/loader/main.ts')) return;
      // the bundles besides en.js the loader may inject: one per language, t.js (Turnstile), d.js
      // (delivery), r.js (URL and attribute rules)
      return code
        .replaceAll('__SEDA_UI__', JSON.stringify(dir))
        .replaceAll('__SEDA_LANGS__', JSON.stringify([...LANGS, 't', 'd', 'r']));
    },
    async closeBundle() {
      // The ES module entry for single-page apps (all languages; the UI is a lazy chunk).
      await build({ ...lib, configFile: false });
      mkdirSync(`${pub}/demo`, { recursive: true });
      for (const f of readdirSync(at('demo'))) copyFileSync(at(`demo/${f}`), `${pub}/demo/${f}`);
      const file = `${pub}/_headers`;
      const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
      writeFileSync(file, old.replace(/# seda-widget:start[\s\S]*?# seda-widget:end\n?/, '') + HEADERS);
    },
  };
}

export default process.env.SEDA_WIDGET_LIB
  ? defineConfig(lib)
  : defineConfig({
      ...common,
      plugins: [widget(), shrinkEntry],
      build: {
        outDir: pub,
        emptyOutDir: false,
        modulePreload: false,
        rolldownOptions: { input: at('loader/main.ts'), output: { format: 'iife', entryFileNames: 'w.js' } },
      },
    });
