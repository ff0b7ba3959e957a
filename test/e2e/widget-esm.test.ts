import { describe, expect, it } from 'vitest';
import { collectorUrl, startHostServer } from './helpers';
import { nps, openPage, results, shots, siteWith, until, waitForPanel, widgetSuite } from './widget-helpers';

/** The ES module builds (npm run build → dist/widget/), served by the host page's own server. */
const dist = new URL('../../dist/widget/', import.meta.url).pathname;

const suite = widgetSuite((pages) => startHostServer({ routes: pages, dir: dist }));

const page = (script: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title></head>
<body><div id="app"><h1>My single-page app</h1></div><div id="preview" style="width: 420px; margin: 24px"></div>
<script type="module">${script}</script></body></html>`;

describe('widget: ES module entry', () => {
  it('init() and the command functions run the same widget, without any global', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [nps({ targeting: { touchpoints: ['checkout'] } })]);
    suite.pages['/spa'] = page(`
      import { init, identify, touchpoint } from '/index.js';
      identify('spa-user', { plan: 'team' });
      init({ site: ${JSON.stringify(key)}, api: ${JSON.stringify(collectorUrl())} });
      setTimeout(() => touchpoint('checkout'), 300);
    `);
    const { page: p, context, errors } = await openPage(suite.browser, `${suite.host.url}/spa`);
    const dialog = await waitForPanel(p);
    expect(await p.evaluate(() => 'seda' in window)).toBe(false);
    await dialog.getByRole('radio', { name: '9', exact: true }).click();
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renderPreview draws the same UI in a container and posts nothing', async () => {
    const survey = {
      id: 'preview',
      version: 1,
      questions: [
        { id: 'nps', type: 'nps', prompt: { en: 'How likely?', fa: 'چقدر احتمال دارد؟' } },
        { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
      ],
      theme: { color: '#b45309', radius: 16 },
    };
    suite.pages['/preview'] = page(`
      import { renderPreview } from '/preview.js';
      window.answers = [];
      renderPreview(document.getElementById('preview'), ${JSON.stringify(survey)}, {
        locale: 'fa', mode: 'dark', onAnswer: (a, done) => window.answers.push([a, done]),
      });
    `);
    const { page: p, context, errors } = await openPage(suite.browser, `${suite.host.url}/preview`);
    const posts: string[] = [];
    p.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    const dialog = await waitForPanel(p);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(24); // in flow inside its container, not fixed to a corner
    expect(box.y).toBeLessThan(200);
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    await p.screenshot({ path: `${shots}widget-preview-fa-dark.png` });
    await dialog.getByRole('radio').nth(5).click();
    expect(await p.evaluate(() => (window as unknown as { answers: unknown[] }).answers)).toEqual([
      [[{ questionId: 'nps', value: 5 }], false],
    ]);
    expect(posts).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
