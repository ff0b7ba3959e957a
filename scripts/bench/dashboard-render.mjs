/**
 * dashboard-first-render: time from navigation start to the overview cards showing their numbers,
 * in headless Debian Chromium, each run in a fresh browser context (cold HTTP cache, no storage but
 * the API key in sessionStorage, as after signing in). The dashboard marks the moment itself
 * (`performance.mark('seda:overview-ready')` in the frame after the cards render with data), so the
 * figure does not include the test driver's round trips. Budget: 1.5 s.
 * Run directly: node scripts/bench/dashboard-render.mjs BASE_URL API_KEY
 */
import { chromium } from 'playwright-core';

export async function dashboardFirstRender(baseUrl, apiKey, { runs = 5, executablePath = '/usr/bin/chromium' } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await ctx.addInitScript((key) => {
        sessionStorage.setItem('seda.apiKey', key);
        localStorage.setItem('seda.locale', 'en');
      }, apiKey);
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/dashboard/`, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('seda:overview-ready').length > 0, null, {
        timeout: 30_000,
        polling: 50,
      });
      const numbers = await page.locator('[data-metric] .value').first().getAttribute('data-value');
      if (numbers === null) throw new Error('the overview rendered without a score');
      times.push(await page.evaluate(() => performance.getEntriesByName('seda:overview-ready')[0].startTime));
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name: 'dashboard-first-render',
    value: Math.round(sorted[Math.floor(sorted.length / 2)]),
    unit: 'ms',
    runs: times.map(Math.round),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base, key] = process.argv.slice(2);
  if (!base || !key) {
    console.error('usage: node scripts/bench/dashboard-render.mjs BASE_URL API_KEY');
    process.exit(2);
  }
  const r = await dashboardFirstRender(base, key);
  console.log(`${r.name}: ${r.value} ${r.unit}  (median of ${r.runs.length}: ${r.runs.join(', ')})`);
}
