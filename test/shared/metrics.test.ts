/**
 * Statistical functions against reference values. scipy/R cannot run here (no PyPI), so each value is
 * either a closed form worked by hand (and re-computed with python3's math module) or a published
 * output of R/scipy, as the comment next to it says. Methods and references: docs/statistics.md.
 */
import { describe, expect, it } from 'vitest';
import {
  ces,
  compareCes,
  compareCsat,
  compareNps,
  csat,
  csatFromHistogram,
  fisherExact,
  holm,
  meanWithCi,
  nps,
  npsFromHistogram,
  tQuantile975,
  tTwoSided,
  welch,
} from '../../shared/metrics';

/** Relative closeness, for values that span orders of magnitude. */
const expectRel = (actual: number, expected: number, tol: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tol);

/** mulberry32: a small seeded PRNG, so the coverage simulations give the same figures on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Student t distribution (exact, not a series)', () => {
  // | df | t(0.975)            | how it was obtained                                                     |
  // | 1  | 12.706204736174696 | closed form tan(π·0.475) (Cauchy)                                         |
  // | 2  | 4.302652729749461  | closed form (2p−1)·√(2 / (4p(1−p))), p = 0.975                            |
  // | 4  | 2.7764451051977934 | closed form 2√(q−1), q = cos(acos(√α)/3)/√α, α = 4p(1−p) (Hill 1970)     |
  // | 3  | 3.182446305284263  | R qt(0.975, 3), the value printed in every t table to 3 decimals (3.182) |
  // | 10 | 2.228138851986274  | R qt(0.975, 10) (tables: 2.228)                                          |
  // | 29 | 2.045229642132703  | R qt(0.975, 29) (tables: 2.045)                                          |
  const table: [number, number][] = [
    [1, 12.706204736174696],
    [2, 4.302652729749461],
    [4, 2.7764451051977934],
    [3, 3.182446305284263],
    [10, 2.228138851986274],
    [29, 2.045229642132703],
  ];
  it.each(table)('t(0.975, df = %d) = %d to 1e-9', (df, q) => {
    expectRel(tQuantile975(df), q, 1e-9);
  });

  it('the two-sided tail matches the closed forms for df = 1, 2, 3 at t = −1.5', () => {
    // F1(t) = ½ + atan(t)/π; F2(t) = ½ + t/(2√(2+t²)); F3(t) = ½ + (t/(√3(1+t²/3)) + atan(t/√3))/π
    expectRel(tTwoSided(-1.5, 1), 2 * 0.1871670418109988, 1e-9);
    expectRel(tTwoSided(1.5, 2), 2 * 0.13619656244550055, 1e-9);
    expectRel(tTwoSided(-1.5, 3), 2 * 0.1152919326224115, 1e-9);
  });
});

describe("Welch's t-test", () => {
  // R's documented example `t.test(extra ~ group, data = sleep)` (Welch by default) prints
  // t = -1.8608, df = 17.776, p-value = 0.07939 (scipy.stats.ttest_ind(equal_var=False) agrees).
  const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const stats = (g: number[]) => {
    const n = g.length;
    const mean = g.reduce((s, x) => s + x, 0) / n;
    return { n, mean, sd: Math.sqrt(g.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) };
  };

  it('gives R’s t, Welch–Satterthwaite df and p on the sleep data', () => {
    const r = welch(stats(g1), stats(g2));
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.p).toBeCloseTo(0.07939, 5);
  });

  it('compares CES from unrounded sums: sds that round alike still give their own df', () => {
    // 30 answers: 12×7, 6×6, 6×5, 6×3 (mean 5.6) against 40 answers: 10×7, 10×6, 10×5, 10×4 (mean 5.5)
    const h1 = [0, 0, 0, 6, 0, 6, 6, 12];
    const h2 = [0, 0, 0, 0, 10, 10, 10, 10];
    const sum = (h: number[], k: number) => h.reduce((s, c, v) => s + c * v ** k, 0);
    const A = ces(sum(h1, 0), sum(h1, 1), sum(h1, 2))!;
    const B = ces(sum(h2, 0), sum(h2, 1), sum(h2, 2))!;
    expect(A.mean).toBeCloseTo(5.6, 12);
    expect(B.mean).toBeCloseTo(5.5, 12);
    const r = compareCes(A, B)!;
    const w = welch(A, B);
    expect(r.p).toBe(w.p); // the comparison is Welch's test, with fractional df
    expect(Number.isInteger(w.df)).toBe(false);
    expect(r.delta).toBeCloseTo(0.1, 12);
    // Welch's p is larger than the normal tail's for the same statistic (the old, too-eager test).
    const zP = 2 * (1 - 0.5 * (1 + erf(Math.abs(w.t) / Math.SQRT2)));
    expect(r.p).toBeGreaterThan(zP);
  });
});

/** erf by its Maclaurin series (plenty for |x| < 3 in a test). */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('NPS', () => {
  it('60 promoters, 25 passives, 15 detractors is NPS 45 with the adjusted-Wald interval', () => {
    const r = nps(60, 25, 15)!;
    expect(r.score).toBe(45);
    expect(r.n).toBe(100);
    // n' = 103, p' = 60.75/103, d' = 15.75/103; centre ± 1.96·√((p'+d'−(p'−d')²)/n') (python3 math)
    expect(r.ci95[0]).toBeCloseTo(29.343111201734093, 9);
    expect(r.ci95[1]).toBeCloseTo(58.03552957496494, 9);
    expect(r.enough).toBe(true);
  });

  it('40 promoters of 40 is 100 with an interval of real width, not [100, 100]', () => {
    const r = nps(40, 0, 0)!;
    expect(r.score).toBe(100);
    expect(r.ci95[0]).toBeCloseTo(83.58169938961082, 9); // adjusted Wald, as above
    expect(r.ci95[1]).toBe(100);
  });

  it('never rounds: 1 promoter of 3 is 33.333…, not 33.3', () => {
    expect(nps(1, 2, 0)!.score).toBeCloseTo(100 / 3, 12);
  });

  it('counts 9–10 as promoters, 7–8 as passives and 0–6 as detractors', () => {
    const h = [1, 0, 0, 0, 0, 0, 2, 3, 0, 4, 5]; // one 0, two 6s, three 7s, four 9s, five 10s
    expect(npsFromHistogram(h)).toMatchObject({ promoters: 9, passives: 3, detractors: 3, n: 15, score: 40 });
  });

  it('is null with no answers and flags too few answers below 30', () => {
    expect(nps(0, 0, 0)).toBeNull();
    expect(nps(5, 3, 2)!.enough).toBe(false);
  });

  // Coverage of the documented 95% interval, 2,000 seeded samples of n = 30 per true distribution,
  // near the bounds where the plain Wald interval covered 59% (issue #14) and in the middle.
  it.each([
    [0.95, 0.0],
    [0.9, 0.02],
    [0.02, 0.9],
    [0.5, 0.3],
  ])('covers the true NPS ≥ 93%% of the time at n = 30 (promoters %d, detractors %d)', (pP, pD) => {
    const rand = rng(14);
    let hit = 0;
    let zeroWidth = 0;
    for (let i = 0; i < 2000; i++) {
      let p = 0;
      let d = 0;
      for (let j = 0; j < 30; j++) {
        const u = rand();
        if (u < pP) p++;
        else if (u < pP + pD) d++;
      }
      const r = nps(p, 30 - p - d, d)!;
      if (r.ci95[0] <= (pP - pD) * 100 && (pP - pD) * 100 <= r.ci95[1]) hit++;
      if (r.ci95[1] - r.ci95[0] <= 0) zeroWidth++;
    }
    expect(hit / 2000).toBeGreaterThanOrEqual(0.93);
    expect(zeroWidth).toBe(0);
  });
});

describe('CSAT', () => {
  it('is the share of 4–5 answers with a Wilson interval', () => {
    // 1..5 counts: 2 ones, 3 twos, 5 threes, 20 fours, 20 fives → 40/50 = 80%
    const r = csatFromHistogram([0, 2, 3, 5, 20, 20])!;
    expect(r).toMatchObject({ score: 80, n: 50, satisfied: 40 });
    // Wilson 95% for 40/50: centre .7786, half-width .1090 → [66.96, 88.76] (hand formula)
    expect(r.ci95[0]).toBeCloseTo(66.96, 1);
    expect(r.ci95[1]).toBeCloseTo(88.76, 1);
  });

  it('gives a non-degenerate interval at 100%', () => {
    const r = csat(10, 10)!;
    expect(r.ci95[0]).toBeLessThan(100);
    expect(r.ci95[1]).toBe(100);
  });
});

describe('CES', () => {
  it('is the raw mean and sd, with the interval of the quarter-answer-adjusted t', () => {
    // answers 5,6,7 ×10 each: mean 6, sd 0.830; with ¼ answer at 1 and at 7 the centre is 364/61 =
    // 5.9672 and t(0.975, 29) · √(SS'/(n'−1)/n') = 0.3508 (python3 math: 5.616433, 6.317993)
    const r = ces(30, 10 * (5 + 6 + 7), 10 * (25 + 36 + 49))!;
    expect(r.mean).toBe(6);
    expect(r.sd).toBeCloseTo(0.8304547985373997, 12);
    expect(r.ci95[0]).toBeCloseTo(5.616432764038215, 9);
    expect(r.ci95[1]).toBeCloseTo(6.317993465469983, 9);
  });

  it('30 equal answers do not give a zero-width interval', () => {
    const r = ces(30, 30 * 7, 30 * 49)!;
    expect(r.mean).toBe(7);
    expect(r.sd).toBe(0);
    expect(r.ci95[0]).toBeCloseTo(6.747108346299734, 9); // python3 math, as above
    expect(r.ci95[1]).toBe(7);
  });

  it('one answer spans the whole scale', () => {
    expect(meanWithCi(1, 4, 16, 1, 5)!.ci95).toEqual([1, 5]);
  });

  it.each([
    [{ 7: 0.9, 6: 0.1 }],
    [{ 7: 0.97, 1: 0.03 }],
    [{ 7: 0.93, 5: 0.07 }],
    [{ 1: 0.9, 2: 0.1 }],
    [{ 4: 0.5, 5: 0.3, 3: 0.2 }],
  ])('covers the true mean ≥ 93%% of the time at n = 30 near the bounds (%o)', (dist) => {
    const values = Object.keys(dist).map(Number);
    const probs = Object.values(dist);
    const mu = values.reduce((s, v, i) => s + v * probs[i]!, 0);
    const rand = rng(30);
    let hit = 0;
    for (let i = 0; i < 2000; i++) {
      let sum = 0;
      let sumsq = 0;
      for (let j = 0; j < 30; j++) {
        let u = rand();
        let k = 0;
        while (k < values.length - 1 && u >= probs[k]!) u -= probs[k++]!;
        sum += values[k]!;
        sumsq += values[k]! ** 2;
      }
      const r = ces(30, sum, sumsq)!;
      expect(r.ci95[1]).toBeGreaterThan(r.ci95[0]);
      if (r.ci95[0] <= mu && mu <= r.ci95[1]) hit++;
    }
    expect(hit / 2000).toBeGreaterThanOrEqual(0.93);
  });
});

describe('significance between periods', () => {
  it('finds a 20-point NPS change on 200 answers each significant, and a 2-point one not', () => {
    const big = compareNps(nps(100, 60, 40), nps(80, 60, 60))!; // 30 vs 10
    expect(big.delta).toBeCloseTo(20, 12);
    expect(big.significant).toBe(true);
    const small = compareNps(nps(82, 60, 58), nps(80, 60, 60))!; // 12 vs 10
    expect(small.significant).toBe(false);
  });

  it('refuses to compare when either side has too few answers', () => {
    expect(compareNps(nps(10, 5, 5), nps(100, 50, 50))).toBeNull();
    expect(compareCsat(csat(10, 20), csat(100, 200))).toBeNull();
  });

  it("tests large CSAT samples with the 'N−1' χ² (80% vs 70% on 300 each)", () => {
    const r = compareCsat(csat(240, 300), csat(210, 300))!;
    expect(r.delta).toBeCloseTo(10, 12);
    // z = 0.1/√(.75·.25·2/300), scaled by √(599/600); p = erfc(z/√2) = 0.004712309456848969 (python3 math)
    expect(r.p).toBeCloseTo(0.004712309456848969, 9);
    expect(r.significant).toBe(true);
  });

  it("uses Fisher's exact test when a cell is expected below 5", () => {
    // 29 of 30 vs 24 of 30 satisfied: 3.5 unsatisfied expected per side.
    const r = compareCsat(csat(29, 30), csat(24, 30))!;
    expect(r.p).toBeCloseTo(fisherExact(29, 1, 24, 6), 15);
    // Hypergeometric by hand (python3 math.comb): N = 60, 53 satisfied, 30 per side; tables no
    // likelier than a = 29 sum to 0.10278971697348147 (the pooled z-test would say 0.044, "significant").
    expect(r.p).toBeCloseTo(0.10278971697348147, 12);
    expect(r.significant).toBe(false);
  });
});

describe("Fisher's exact test", () => {
  it('gives scipy’s documented whale/shark p-value, 280/8008', () => {
    // scipy.stats.fisher_exact([[8, 2], [1, 5]]) → pvalue 0.0349650…; by hand, the hypergeometric
    // (M = 16, 10 whales, 9 Atlantic) weights of x = 3..9 are 84, 882, 2646, 2940, 1260, 189, 7 of
    // 8008, and those ≤ 189 (x = 3, 8, 9) sum to 280.
    expect(fisherExact(8, 2, 1, 5)).toBeCloseTo(280 / 8008, 12);
  });

  it("gives R's lady-tasting-tea p-value, 34/70", () => {
    // fisher.test(matrix(c(3, 1, 1, 3), 2)) in R's documentation: p-value = 0.4857
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(34 / 70, 12);
  });
});

describe('Holm', () => {
  it('adjusts step-down and keeps the order (statsmodels multipletests(method="holm") by hand)', () => {
    // sorted .005·4 = .02, .01·3 = .03, .03·2 = .06, .04·1 = .04 → monotone .06
    const r = holm([0.01, 0.04, 0.03, 0.005, null]);
    expect(r[0]).toBeCloseTo(0.03, 12);
    expect(r[1]).toBeCloseTo(0.06, 12);
    expect(r[2]).toBeCloseTo(0.06, 12);
    expect(r[3]).toBeCloseTo(0.02, 12);
    expect(r[4]).toBeNull();
  });

  it('caps at 1', () => {
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
  });
});
