import { createHash } from 'node:crypto';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => decodeURIComponent(new URL(p, import.meta.url).pathname);

/**
 * The CX dashboard: its own bundle, served by the Worker under /dashboard/.
 * `npx vite build -c dashboard/vite.config.ts` writes public/dashboard/index.html (and only that
 * folder: the widget owns public/w.js and public/w/).
 * `npx vite -c dashboard/vite.config.ts` serves it with a mock API (SEDA_API=http://127.0.0.1:8787
 * proxies /v1 to a running Worker instead).
 */
export default defineConfig(async ({ command }) => ({
  root: here('.'),
  base: '/dashboard/',
  // The statistics libraries (shared/metrics via the question registry) probe for generators with
  // eval() when loaded: answered here without eval, so the CSP is never violated.
  // zod resolves to a module that sets `jitless` first (src/zod-jitless.ts says why).
  resolve: {
    alias: [
      { find: '@stdlib/assert-has-generator-support', replacement: here('vendor/has-generator-support.cjs') },
      { find: /^zod$/, replacement: here('src/zod-jitless.ts') },
    ],
  },
  plugins: [
    preact(),
    singleFile(),
    ...(command === 'serve' && !process.env.SEDA_API ? [(await import('./dev/mock-server.ts')).mockApi()] : []),
  ],
  build: {
    outDir: here('../public/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Screens fetched on first visit (dashboard/src/lazy-view.tsx) are plain module files: no
    // preload links (the CSP pins scripts by hash; 'strict-dynamic' admits what a trusted script
    // imports), and one stylesheet for the whole app, inlined like the first load's script.
    modulePreload: false,
    cssCodeSplit: false,
    assetsInlineLimit: 100_000,
  },
  server: process.env.SEDA_API ? { proxy: { '/v1': process.env.SEDA_API } } : {},
}));

/**
 * Puts the stylesheet and the small inline scripts inside index.html, and pins them with a
 * Content-Security-Policy of their hashes plus 'strict-dynamic': the app's modules (the shell and
 * overview first, each other screen on its first visit) are files that only a trusted script can
 * add, and the policy forbids any other script, so respondents' text could not run even if it ever
 * reached the DOM as markup.
 */
function singleFile(): Plugin {
  const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  return {
    name: 'seda-single-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName === 'index.html');
      if (html?.type !== 'asset') return;
      let page = String(html.source);
      const scripts: string[] = [];
      const styles: string[] = [];
      for (const [name, file] of Object.entries(bundle)) {
        const ref = new RegExp(
          `<(script|link)[^>]*(?:src|href)="[^"]*/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>(?:</script>)?`,
        );
        if (!ref.test(page)) continue;
        if (file.type === 'chunk' && file.isEntry) {
          // The app stays a file, added by a trusted inline script: under 'strict-dynamic' only a
          // script so added (not parser-inserted) may import others, and the app imports the
          // screens it fetches on first visit (dashboard/src/lazy-view.tsx).
          const src = JSON.stringify(`/dashboard/${name}`);
          const loader = `const s=document.createElement('script');s.type='module';s.src=${src};document.head.append(s)`;
          page = page.replace(ref, () => `<script type="module">${loader}</script>`);
          continue;
        }
        if (file.type === 'chunk') {
          const code = file.code.replaceAll('</script', '<\\/script');
          scripts.push(code);
          page = page.replace(ref, () => `<script type="module">${code}</script>`);
        } else if (name.endsWith('.css')) {
          const css = String(file.source);
          styles.push(css);
          page = page.replace(ref, () => `<style>${css}</style>`);
        } else continue;
        delete bundle[name];
      }
      // Every inline script (the app and index.html's own preloader) is allowed by its hash.
      for (const m of page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
        if (m[1] !== undefined && !scripts.includes(m[1])) scripts.push(m[1]);
      }
      const csp = [
        "default-src 'none'",
        // 'strict-dynamic': a trusted script may add a script element (the libraries one screen
        // loads on first use, dashboard/src/lazy-script.ts); no markup can add one.
        `script-src ${scripts.map(sha).join(' ')} 'strict-dynamic'`,
        // Inline style attributes are not used in the markup; the app sets styles through the CSSOM.
        `style-src ${styles.map(sha).join(' ')}`,
        "connect-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; ');
      page = page.replace(
        '<meta charset="utf-8" />',
        `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
      );
      html.source = page;
    },
  };
}
