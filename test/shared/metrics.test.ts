import { describe, expect, it } from 'vitest';
import {
  ces,
  compareCes,
  compareCsat,
  compareNps,
  csat,
  csatFromHistogram,
  nps,
  npsFromHistogram,
  tQuantile975,
} from '../../shared/metrics';

describe('NPS', () => {
  it('60 promoters, 25 passives, 15 detractors is NPS 45 with a 95% margin of about ±14.5', () => {
    const r = nps(60, 25, 15)!;
    expect(r.score).toBe(45);
    expect(r.n).toBe(100);
    // variance = .6 + .15 − .45² = .5475; margin = 1.96 · sqrt(.5475/100) · 100 = 14.50
    expect(r.ci95[0]).toBeCloseTo(30.5, 1);
    expect(r.ci95[1]).toBeCloseTo(59.5, 1);
    expect(r.enough).toBe(true);
  });

  it('counts 9–10 as promoters, 7–8 as passives and 0–6 as detractors', () => {
    const h = [1, 0, 0, 0, 0, 0, 2, 3, 0, 4, 5]; // one 0, two 6s, three 7s, four 9s, five 10s
    expect(npsFromHistogram(h)).toMatchObject({ promoters: 9, passives: 3, detractors: 3, n: 15, score: 40 });
  });

  it('is null with no answers and flags too few answers below 30', () => {
    expect(nps(0, 0, 0)).toBeNull();
    expect(nps(5, 3, 2)!.enough).toBe(false);
  });

  it('keeps the interval within −100..100', () => {
    const r = nps(3, 0, 0)!;
    expect(r.score).toBe(100);
    expect(r.ci95[1]).toBeLessThanOrEqual(100);
  });
});

describe('CSAT', () => {
  it('is the share of 4–5 answers with a Wilson interval', () => {
    // 1..5 counts: 2 ones, 3 twos, 5 threes, 20 fours, 20 fives → 40/50 = 80%
    const r = csatFromHistogram([0, 2, 3, 5, 20, 20])!;
    expect(r).toMatchObject({ score: 80, n: 50, satisfied: 40 });
    // Wilson 95% for 40/50: centre .7786, half-width .1090 → [66.96, 88.76]
    expect(r.ci95[0]).toBeCloseTo(67.0, 1);
    expect(r.ci95[1]).toBeCloseTo(88.8, 1);
  });

  it('gives a non-degenerate interval at 100%', () => {
    const r = csat(10, 10)!;
    expect(r.ci95[0]).toBeLessThan(100);
    expect(r.ci95[1]).toBe(100);
  });
});

describe('CES', () => {
  it('is the mean with a Student-t interval', () => {
    // answers 5,6,7 ×10 each: mean 6, sd 0.830; t(29) = 2.045 → ±0.31
    const n = 30;
    const sum = 10 * (5 + 6 + 7);
    const sumsq = 10 * (25 + 36 + 49);
    const r = ces(n, sum, sumsq)!;
    expect(r.mean).toBe(6);
    expect(r.sd).toBeCloseTo(0.83, 2);
    expect(r.ci95[0]).toBeCloseTo(5.69, 2);
    expect(r.ci95[1]).toBeCloseTo(6.31, 2);
  });

  it('uses t quantiles close to the tables', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(10)).toBeCloseTo(2.228, 2);
    expect(tQuantile975(29)).toBeCloseTo(2.045, 3);
    expect(tQuantile975(1000)).toBeCloseTo(1.962, 3);
  });
});

describe('significance between periods', () => {
  it('finds a 20-point NPS change on 200 answers each significant, and a 2-point one not', () => {
    const big = compareNps(nps(100, 60, 40), nps(80, 60, 60))!; // 30 vs 10
    expect(big.delta).toBe(20);
    expect(big.significant).toBe(true);
    const small = compareNps(nps(82, 60, 58), nps(80, 60, 60))!; // 12 vs 10
    expect(small.significant).toBe(false);
  });

  it('refuses to compare when either side has too few answers', () => {
    expect(compareNps(nps(10, 5, 5), nps(100, 50, 50))).toBeNull();
    expect(compareCsat(csat(10, 20), csat(100, 200))).toBeNull();
  });

  it('tests CSAT as two proportions (80% vs 70% on 300 each is significant; p ≈ 0.004)', () => {
    const r = compareCsat(csat(240, 300), csat(210, 300))!;
    expect(r.delta).toBe(10);
    expect(r.p).toBeLessThan(0.01);
    expect(r.significant).toBe(true);
  });

  it("tests CES means with Welch's test", () => {
    const a = ces(50, 50 * 5, 50 * 25 + 49 * 1)!; // mean 5, sd 1
    const b = ces(50, 50 * 5.2, 50 * 5.2 * 5.2 + 49 * 1)!; // mean 5.2, sd 1
    const r = compareCes(b, a)!;
    expect(r.delta).toBeCloseTo(0.2, 5);
    expect(r.significant).toBe(false);
  });
});
