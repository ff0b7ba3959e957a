/**
 * Widget size budgets, measured on the built files in public/ (run `npm run build` first):
 *   loader-gzip: what every page view downloads (w.js), gzip -9 bytes. Budget 2 KB.
 *   survey-gzip: everything a visitor downloads to see and answer a survey: the loader plus the UI
 *                bundle it injects (Preact, components, strings and styles are all inside it). Budget 12 KB.
 * Run directly (`node scripts/bench/widget-size.mjs`) to print them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const pub = fileURLToPath(new URL('../../public/', import.meta.url));
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function widgetSizes() {
  const loader = `${pub}w.js`;
  if (!existsSync(loader)) {
    return [
      { name: 'loader-gzip', value: 'n/a', unit: 'B', why: 'public/w.js not built (npm run build)' },
      { name: 'survey-gzip', value: 'n/a', unit: 'B', why: 'public/w.js not built (npm run build)' },
    ];
  }
  const ui = [...readFileSync(loader, 'utf8').matchAll(/w\/[\w.-]+\.(?:js|css)/g)].map((m) => `${pub}${m[0]}`);
  const l = gz(loader);
  return [
    { name: 'loader-gzip', value: l, unit: 'B' },
    { name: 'survey-gzip', value: ui.reduce((n, f) => n + gz(f), l), unit: 'B' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await widgetSizes()) console.log(`${r.name}: ${r.value} ${r.unit}${r.why ? ` (${r.why})` : ''}`);
}
