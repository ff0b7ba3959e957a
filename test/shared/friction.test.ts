/**
 * Friction is called only where a touchpoint is significantly worse than the others together,
 * after Holm's adjustment across every cell and metric of the journey (issue #14).
 */
import { describe, expect, it } from 'vitest';
import type { Journey } from '../../shared/contract/insights';
import { frictionOf, testCells } from '../../shared/friction';
import { ces, csat, holm, nps, testNps } from '../../shared/metrics';

type Cell = Journey['stages'][number]['touchpoints'][number];
const cell = (key: string, m: Partial<Pick<Cell, 'nps' | 'csat' | 'ces'>>): Cell => ({
  key,
  name: key,
  n: m.nps?.n ?? m.csat?.n ?? m.ces?.n ?? 0,
  nps: m.nps ?? null,
  csat: m.csat ?? null,
  ces: m.ces ?? null,
});
const journey = (cells: Cell[]): Journey['stages'] => [{ stage: 'usage', touchpoints: cells }];

describe('friction', () => {
  it('calls none when the lowest cell is not significantly worse than the rest (issue #14: "Pricing")', () => {
    // Ten touchpoints of 50 answers, 15 detractors each and 20–27 promoters (NPS 10–24): "pricing"
    // is lowest, yet well within chance of the others.
    const promoters = [20, 22, 24, 27, 25, 23, 26, 24, 22, 25];
    const cells = promoters.map((p, i) => cell(i === 0 ? 'pricing' : `tp${i}`, { nps: nps(p, 35 - p, 15) }));
    expect(cells.every((c) => c.nps!.n === 50)).toBe(true);
    expect(frictionOf(journey(cells))).toEqual([]);
  });

  it('calls a cell that is significantly worse, with the rest’s value and the Holm-adjusted p', () => {
    const good = (k: string) => cell(k, { nps: nps(60, 25, 15), csat: csat(80, 100) });
    const bad = cell('checkout', { nps: nps(20, 20, 60), csat: csat(78, 100) });
    const f = frictionOf(journey([good('home'), good('search'), bad, good('help')]));
    expect(f).toHaveLength(1); // CSAT 78% vs 80% is no friction
    expect(f[0]).toMatchObject({ key: 'checkout', stage: 'usage', metric: 'nps', value: -40, rest: 45 });
    const raw = testNps(bad.nps!, nps(180, 75, 45)!).p;
    expect(f[0]!.p).toBeGreaterThanOrEqual(raw); // adjusted, never smaller than the raw p
    expect(f[0]!.p).toBeLessThan(0.05);
  });

  it('never calls a cell that is significantly better than the rest', () => {
    const avg = (k: string) => cell(k, { nps: nps(30, 40, 30) });
    const great = cell('great', { nps: nps(90, 10, 0) });
    const f = frictionOf(journey([avg('a'), avg('b'), great]));
    expect(f.map((x) => x.key)).not.toContain('great');
  });

  it('needs two cells with enough answers, and ignores cells under the floor', () => {
    const few = cell('few', { nps: nps(0, 0, 20) }); // 20 answers: under 30
    const one = cell('one', { nps: nps(60, 25, 15) });
    expect(frictionOf(journey([few, one]))).toEqual([]);
  });

  it('tests CES with Welch and calls the hardest touchpoint when it is clearly harder', () => {
    const easy = (k: string) => cell(k, { ces: ces(60, 60 * 6, 60 * 36 + 59) }); // mean 6, sd 1
    const hard = cell('returns', { ces: ces(60, 60 * 4, 60 * 16 + 59) }); // mean 4, sd 1
    expect(frictionOf(journey([easy('a'), hard, easy('b')]))).toMatchObject([
      { key: 'returns', metric: 'ces', value: 4 },
    ]);
  });

  it('adjusts across every cell and metric of the table', () => {
    const cells = [
      cell('a', { nps: nps(60, 25, 15), csat: csat(80, 100) }),
      cell('b', { nps: nps(40, 25, 35), csat: csat(70, 100) }),
    ];
    const t = testCells(cells);
    expect(t).toHaveLength(4); // 2 cells × 2 metrics
    expect(t.map((x) => x.pAdjusted)).toEqual(holm(t.map((x) => x.p)));
  });
});
