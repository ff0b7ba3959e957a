/**
 * Widget size budgets, measured on the built files in public/ (run `npm run build` first), gzip -9:
 *   loader-gzip: what every page view downloads (w.js). Budget 2048 B.
 *   survey-gzip: everything a visitor downloads to see and answer a survey: the loader plus the UI
 *                bundle it injects (Preact, components, styles and that language's words are all inside
 *                it), for the largest of the per-language bundles. Budget 12288 B. survey-gzip-LANG
 *                gives each language.
 *   rules-gzip:  r.js, the URL and attribute rules' matchers, which the loader fetches (once a year:
 *                immutable) only for sites whose surveys have such rules.
 *   delivery-gzip: d.js, the outbox sender alone, which a page view loads when an earlier one left
 *                answers unsent (instead of a whole UI bundle).
 *   turnstile-gzip: t.js, what visitors of a site that turns Turnstile on download in addition (besides
 *                Cloudflare's own api.js); no other site loads it.
 *   page-gzip:   s.js, the hosted survey page's one script (invitation links: email, SMS, QR), every
 *                UI language and Turnstile inside; what a phone downloads besides the page's HTML. The
 *                budget of 16384 B is for the page's whole download, HTML included (the bench's
 *                link-page-gzip); s.js alone must stay under it.
 * Each row with a budget carries it (`budget`) and says when it is over; `overBudget()` lists those,
 * and test/e2e/widget-size.test.ts fails on any. Run directly (`node scripts/bench/widget-size.mjs`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { 'loader-gzip': 2048, 'survey-gzip': 12288, 'page-gzip': 16384 };

/** The chunks of the UI folder that are not a language's UI bundle. */
const CHUNKS = { t: 'turnstile-gzip', d: 'delivery-gzip', r: 'rules-gzip' };

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
  const files = dir ? readdirSync(`${pub}${dir}`).filter((f) => f.endsWith('.js')) : [];
  const bundles = files.filter((f) => !(f.replace('.js', '') in CHUNKS));
  const page = existsSync(`${pub}s.js`) ? gz(`${pub}s.js`) : undefined;
  const l = gz(loader);
  const perLang = bundles.map((f) => ({ lang: f.replace('.js', ''), value: l + gz(`${pub}${dir}${f}`) }));
  const worst = perLang.reduce((a, b) => (b.value > a.value ? b : a), { lang: '', value: 0 });
  const rows = [
    { name: 'loader-gzip', value: l, unit: 'B' },
    {
      name: 'survey-gzip',
      value: worst.value || 'n/a',
      unit: 'B',
      note: worst.lang ? `${worst.lang}` : 'no UI bundle found (npm run build)',
    },
    ...perLang.map((p) => ({ name: `survey-gzip-${p.lang}`, value: p.value, unit: 'B' })),
    ...Object.entries(CHUNKS)
      .filter(([c]) => files.includes(`${c}.js`))
      .map(([c, name]) => ({ name, value: gz(`${pub}${dir}${c}.js`), unit: 'B' })),
    ...(page ? [{ name: 'page-gzip', value: page, unit: 'B' }] : []),
  ];
  for (const r of rows) {
    const budget = BUDGETS[r.name] ?? BUDGETS[r.name.replace(/-\w+$/, '')];
    if (budget === undefined || typeof r.value !== 'number') continue;
    r.budget = budget;
    if (r.value > budget) r.note = `${r.note ? `${r.note}; ` : ''}OVER the budget of ${budget} B`;
    else r.note = `${r.note ? `${r.note}; ` : ''}budget ${budget}`;
  }
  return rows;
}

/** The rows over their budget (none when the widget is within all of them). */
export const overBudget = (rows) => rows.filter((r) => typeof r.value === 'number' && r.value > r.budget);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await widgetSizes()) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
