import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the bench
import { BUDGETS, overBudget, widgetSizes } from '../../scripts/bench/widget-size.mjs';

type Row = { name: string; value: number | string; budget?: number; note?: string };

// The e2e setup has just built public/ the way it ships: sizes are exact, not timings.
describe('widget: size budgets (gzip -9 of the built files)', () => {
  it('the loader, every language’s survey download and the hosted page stay within their budgets', async () => {
    const rows: Row[] = await widgetSizes();
    console.log(rows.map((r) => `${r.name}: ${r.value} B${r.note ? ` (${r.note})` : ''}`).join('\n'));
    expect(BUDGETS).toEqual({ 'loader-gzip': 2048, 'survey-gzip': 12288, 'page-gzip': 16384 });
    // every budget is measured: the loader, a survey in each UI language, the hosted page
    for (const name of ['loader-gzip', 'survey-gzip', 'survey-gzip-en', 'survey-gzip-fa', 'survey-gzip-ar']) {
      expect(rows.find((r) => r.name === name)?.budget, name).toBeGreaterThan(0);
    }
    expect(overBudget(rows)).toEqual([]);
    // the chunks a page view may load instead of a whole UI bundle are small
    const size = (name: string) => rows.find((r) => r.name === name)?.value as number;
    expect(size('delivery-gzip')).toBeLessThan(size('survey-gzip-en') - size('loader-gzip'));
  });
});
