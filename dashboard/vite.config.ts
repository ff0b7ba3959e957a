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
  resolve: { alias: { '@stdlib/assert-has-generator-support': here('vendor/has-generator-support.cjs') } },
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
    modulePreload: { polyfill: false },
    assetsInlineLimit: 100_000,
  },
  server: process.env.SEDA_API ? { proxy: { '/v1': process.env.SEDA_API } } : {},
}));

/**
 * Puts the script and the stylesheet inside index.html, and pins them with a Content-Security-Policy
 * of their hashes. One request for the whole app (first render: one round trip, no waterfall), it
 * works whatever the Worker does with other paths under /dashboard/, and the policy forbids any other
 * script, so respondents' text could not run even if it ever reached the DOM as markup.
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
