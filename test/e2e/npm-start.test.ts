/**
 * `npm start` as a newcomer runs it, on a fresh state: it prints its progress (a line per step,
 * migrations and seeded rows counted), then serves the dashboard and the demo pages, with a demo
 * quarter that ends today, so the default views (the last 30 days) have numbers, and each demo
 * survey shows on its own demo page. Its own temp state directory and port: it never touches
 * `.wrangler/state` nor the suite's Worker. The build is the one the e2e setup made (SEDA_SKIP_BUILD).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { freePort, root } from '../../scripts/lib/run.mjs';
import { launchBrowser } from './helpers';
import { shots, waitForPanel } from './widget-helpers';

/** A fresh start builds nothing here but migrates and seeds: minutes on a busy machine. */
const START_TIMEOUT = 15 * 60_000;

let child: ChildProcess;
let out = '';
let url = '';
let apiKey = '';
let dir = '';
let browser: Browser;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const get = (path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seda-start-'));
  const port: number = await freePort();
  child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), SEDA_STATE_DIR: dir, SEDA_SKIP_BUILD: '1', ADMIN_TOKEN: 'start-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + START_TIMEOUT;
  while (!/Seda is running at/.test(out)) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  url = `http://127.0.0.1:${port}`;
  apiKey = /Demo API key\s+(sk_\S+)/.exec(out)?.[1] ?? '';
  browser = await launchBrowser();
}, START_TIMEOUT + 60_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a fresh state', () => {
  it('prints a line per step, with the migrations and the seeded responses counted', () => {
    for (const n of [1, 2, 3, 4]) expect(out).toMatch(new RegExp(`^\\[${n}/4\\] .+…`, 'm'));
    // every migration by name with "k of N", the last one N of N
    const migrations = [...out.matchAll(/^\s+(\d{4}_\S+\.sql) \((\d+) of (\d+)\)$/gm)];
    expect(migrations.length).toBeGreaterThan(5);
    const last = migrations.at(-1)!;
    expect(last[2]).toBe(last[3]);
    // the seeding counts its rows as it writes them, several lines, ending with all of them
    const seeded = [...out.matchAll(/^\s+([\d,]+) of ([\d,]+) responses written/gm)];
    expect(seeded.length).toBeGreaterThan(3);
    expect(seeded.at(-1)![1]).toBe(seeded.at(-1)![2]);
    expect(out).toMatch(/export API_KEY=sk_/);
    expect(apiKey).toMatch(/^sk_demo0000key0_/);
  });

  it('serves the dashboard and each demo page', async () => {
    const dash = await fetch(`${url}/dashboard/`);
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain('<div id="app"');
    for (const page of ['shop', 'checkout', 'help', 'fa']) {
      const r = await fetch(`${url}/demo/${page}.html`);
      expect(r.status, page).toBe(200);
      expect(await r.text(), page).toMatch(/<script src="\/w\.js" data-site="demo" data-touchpoint="[\w-]+" async>/);
    }
  });

  it('has numbers in every default view: each survey and the journey over the last 30 days, ending today', async () => {
    const to = dayOf(Date.now());
    const from = dayOf(Date.now() - 29 * 86_400_000);
    const metricOf = { sv_demo_nps: 'nps', sv_demo_csat: 'csat', sv_demo_ces: 'ces' } as const;
    for (const [id, metric] of Object.entries(metricOf)) {
      const r = await get(`/v1/surveys/${id}/results?from=${from}&to=${to}&interval=week`);
      expect(r.status, id).toBe(200);
      const body = await r.json();
      expect(body.metrics[metric]?.enough, `${id} ${metric}`).toBe(true);
      // answers in the last week too: the data ends today, it does not age out
      const week = await (
        await get(`/v1/surveys/${id}/results?from=${dayOf(Date.now() - 6 * 86_400_000)}&to=${to}`)
      ).json();
      expect(week.metrics[metric]?.n, `${id} last 7 days`).toBeGreaterThan(0);
    }
    const journey = await (await get(`/v1/journey?from=${from}&to=${to}`)).json();
    const cells = journey.stages.flatMap((s: { touchpoints: Record<string, { enough?: boolean } | null>[] }) =>
      s.touchpoints.filter((t) => ['nps', 'csat', 'ces'].some((m) => t[m]?.enough)),
    );
    expect(cells.length).toBeGreaterThanOrEqual(5);
  });

  it('shows each demo survey on its own demo page', { timeout: 180_000 }, async () => {
    const cases = [
      { page: 'shop', act: async () => {}, prompt: 'How likely are you to recommend us' },
      {
        page: 'checkout',
        act: async (p: import('playwright-core').Page) => p.locator('#buy').click(),
        prompt: 'How satisfied are you with checkout?',
      },
      {
        page: 'help',
        act: async (p: import('playwright-core').Page) => p.mouse.wheel(0, 4000),
        prompt: 'The company made it easy for me to handle my issue.',
      },
      { page: 'fa', act: async () => {}, prompt: 'چقدر احتمال دارد ما را به دوستتان پیشنهاد کنید؟' },
    ];
    for (const c of cases) {
      // a new visitor each time: one survey a visit, and the frequency rules remember a browser
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${url}/demo/${c.page}.html`);
      await page.waitForLoadState('load');
      await c.act(page);
      const panel = await waitForPanel(page, 30_000);
      await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain(c.prompt);
      await page.screenshot({ path: `${shots}npm-start-demo-${c.page}-phone.png` });
      await context.close();
    }
  });
});
