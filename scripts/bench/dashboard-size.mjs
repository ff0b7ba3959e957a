// What a first visit to the dashboard downloads, gzipped: index.html, the app module it adds, and
// every module that one imports statically (the screens fetched on first visit are not counted).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function dashboardFirstLoad(publicDir) {
  const html = readFileSync(join(publicDir, 'dashboard', 'index.html'), 'utf8');
  const entry = html.match(/s\.src="\/dashboard\/([^"]+)"/)?.[1];
  const files = ['index.html'];
  const todo = entry ? [entry] : [];
  while (todo.length) {
    const f = todo.pop();
    if (files.includes(f)) continue;
    files.push(f);
    const code = readFileSync(join(publicDir, 'dashboard', f), 'utf8');
    // static imports only: `import"./x.js"` / `from"./x.js"` (not `import("./x.js")`)
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)) {
      todo.push(join(dirname(f), m[1]));
    }
  }
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(publicDir, 'dashboard', f))).length, 0);
  return { bytes, files: files.length };
}
