/**
 * Widget size budgets, measured on the built files in public/ (run `npm run build` first):
 *   loader-gzip: what every page view downloads (w.js), gzip -9 bytes. Budget 2 KB.
 *   survey-gzip: everything a visitor downloads to see and answer a survey: the loader plus the UI
 *                bundle it injects (Preact, components, strings and styles are all inside it), for the
 *                largest of the per-language bundles. Budget 12 KB. survey-gzip-LANG gives each language.
 *   turnstile-gzip: t.js, what visitors of a site that turns Turnstile on download in addition (besides
 *                Cloudflare's own api.js); no other site loads it.
 *   page-gzip:   s.js, the hosted survey page's one script (invitation links: email, SMS, QR), every
 *                UI language and Turnstile inside; what a phone downloads besides the page's HTML.
 * Run directly (`node scripts/bench/widget-size.mjs`) to print them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const pub = fileURLToPath(new URL('../../public/', import.meta.url));
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function widgetSizes() {
  const loader = `${pub}w.js`;
  if (!existsSync(loader)) {
    return [
      { name: 'loader-gzip', value: 'n/a', unit: 'B', note: 'public/w.js not built (npm run build)' },
      { name: 'survey-gzip', value: 'n/a', unit: 'B', note: 'public/w.js not built (npm run build)' },
    ];
  }
  // The loader names the folder of the UI bundles (w/HASH/); a visitor loads one of them, by language.
  const dir = /w\/[\w-]+\//.exec(readFileSync(loader, 'utf8'))?.[0];
  // t.js is the Turnstile chunk, not a language
  const bundles = dir ? readdirSync(`${pub}${dir}`).filter((f) => f.endsWith('.js') && f !== 't.js') : [];
  const turnstile = dir && existsSync(`${pub}${dir}t.js`) ? gz(`${pub}${dir}t.js`) : undefined;
  const page = existsSync(`${pub}s.js`) ? gz(`${pub}s.js`) : undefined;
  const l = gz(loader);
  const perLang = bundles.map((f) => ({ lang: f.replace('.js', ''), value: l + gz(`${pub}${dir}${f}`) }));
  const worst = perLang.reduce((a, b) => (b.value > a.value ? b : a), { lang: '', value: 0 });
  return [
    { name: 'loader-gzip', value: l, unit: 'B' },
    {
      name: 'survey-gzip',
      value: worst.value || 'n/a',
      unit: 'B',
      note: worst.lang ? undefined : 'no UI bundle found (npm run build)',
    },
    ...perLang.map((p) => ({ name: `survey-gzip-${p.lang}`, value: p.value, unit: 'B' })),
    ...(turnstile ? [{ name: 'turnstile-gzip', value: turnstile, unit: 'B' }] : []),
    ...(page ? [{ name: 'page-gzip', value: page, unit: 'B' }] : []),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await widgetSizes()) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
