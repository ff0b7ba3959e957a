// Screenshots of every dashboard view at desktop and phone widths, in English and Persian.
// usage: node dashboard/dev/screenshots.mjs BASE_URL API_KEY [OUT_DIR] [VIEW...]
// e.g.   node dashboard/dev/screenshots.mjs http://localhost:5199 demo screenshots
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base = 'http://localhost:5199', key = 'demo', out = 'screenshots', ...only] = process.argv.slice(2);
const views = only.length
  ? only
  : ['sign-in', 'overview', 'journey', 'segments', 'verbatims', 'at-risk', 'inbox', 'drop-off'];
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  for (const locale of ['en', 'fa', 'ar']) {
    for (const [label, width, height] of [
      ['desktop', 1280, 900],
      ['phone', 390, 844],
    ]) {
      const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      await ctx.addInitScript(
        ([k, l, signIn]) => {
          localStorage.setItem('seda.locale', l);
          if (!signIn) sessionStorage.setItem('seda.apiKey', k);
        },
        [key, locale, false],
      );
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.error('pageerror', e.message));
      for (const view of views) {
        if (view === 'sign-in') {
          const c2 = await browser.newContext({ viewport: { width, height } });
          await c2.addInitScript((l) => localStorage.setItem('seda.locale', l), locale);
          const p2 = await c2.newPage();
          await p2.goto(`${base}/dashboard/`);
          await p2.waitForSelector('#signin-email');
          await p2.screenshot({ path: `${out}/${view}-${locale}-${label}.png`, fullPage: true });
          await c2.close();
          continue;
        }
        await page.goto(`${base}/dashboard/#/${view}`);
        await page
          .waitForSelector('[data-state="ready"]', { timeout: 15000 })
          .catch(() => console.error('not ready', view));
        await page.waitForTimeout(150);
        await page.screenshot({ path: `${out}/${view}-${locale}-${label}.png`, fullPage: true });
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
console.log('screenshots in', out);
