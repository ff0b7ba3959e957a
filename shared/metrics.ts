/**
 * Metric math: NPS, CSAT and CES with 95% intervals and two-sample significance tests.
 * Pure functions over sufficient statistics (counts, sums, sums of squares), so the same code
 * serves a full scan and the pre-aggregated rollups and gives identical numbers.
 *
 * Nothing here rounds: the API carries full-precision values and the dashboard rounds once, for
 * display (dashboard/src/metric.ts). Rounding before a test changes its decisions (issue #14).
 * Every method, its reference and its limits: docs/statistics.md.
 */
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import stdNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import studentTCdf from '@stdlib/stats-base-dists-t-cdf';
import studentTQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Ces, Comparison, Csat, Nps } from './schemas/metrics';

export type { Ces, Comparison, Csat, Nps };

// The floor lives with the metric shapes (the dashboard reads it without this module's libraries).
import { MIN_ANSWERS } from './schemas/metrics';

export { MIN_ANSWERS };

/** Two-sided 5% level, for intervals and tests alike. */
export const ALPHA = 0.05;
const Z95 = 1.959963984540054;

/** Counts per score value, e.g. `counts[9]` = number of 9s. */
export type Histogram = readonly number[];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * NPS = %promoters (9–10) − %detractors (0–6), with the adjusted-Wald interval of Rocks (2016,
 * The American Statistician 70:4): add 3 to n and ¾ to promoters and to detractors, then use the
 * trinomial variance p + d − (p − d)² of the adjusted shares. Unlike the plain Wald interval it
 * never has zero width (40 promoters of 40 give [84.8, 100], not [100, 100]) and keeps ≈95%
 * coverage near ±100 at n = 30 (test/shared/metrics.test.ts simulates it).
 */
export function nps(promoters: number, passives: number, detractors: number): Nps | null {
  const n = promoters + passives + detractors;
  if (n <= 0) return null;
  const score = ((promoters - detractors) / n) * 100;
  const na = n + 3;
  const pA = (promoters + 0.75) / na;
  const dA = (detractors + 0.75) / na;
  const centre = (pA - dA) * 100;
  const margin = Z95 * Math.sqrt(trinomialVariance(pA, dA) / na) * 100;
  return {
    score,
    n,
    promoters,
    passives,
    detractors,
    ci95: [clamp(centre - margin, -100, 100), clamp(centre + margin, -100, 100)],
    enough: n >= MIN_ANSWERS,
  };
}

/** Variance of one answer scored +1 (promoter), 0 (passive), −1 (detractor). */
function trinomialVariance(pP: number, pD: number): number {
  return pP + pD - (pP - pD) ** 2;
}

export function npsFromHistogram(h: Histogram): Nps | null {
  let p = 0;
  let pa = 0;
  let d = 0;
  h.forEach((c, v) => {
    if (v >= 9) p += c;
    else if (v >= 7) pa += c;
    else d += c;
  });
  return nps(p, pa, d);
}

/** CSAT = % of answers 4–5 on 1–5, with a Wilson score interval (honest at small n and near 0/100%). */
export function csat(satisfied: number, n: number): Csat | null {
  if (n <= 0) return null;
  const [lo, hi] = wilson(satisfied, n);
  return {
    score: (satisfied / n) * 100,
    n,
    satisfied,
    ci95: [lo * 100, hi * 100],
    enough: n >= MIN_ANSWERS,
  };
}

export function csatFromHistogram(h: Histogram): Csat | null {
  let n = 0;
  let s = 0;
  h.forEach((c, v) => {
    if (v < 1) return;
    n += c;
    if (v >= 4) s += c;
  });
  return csat(s, n);
}

/** Wilson (1927) score interval for a proportion k/n; never zero width for n ≥ 1. */
export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const z2 = Z95 * Z95;
  const den = 1 + z2 / n;
  const mid = (p + z2 / (2 * n)) / den;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  // At k = 0 or k = n the bound is exactly 0 or 1; say so rather than 0.9999999999999999.
  return [k <= 0 ? 0 : clamp(mid - half, 0, 1), k >= n ? 1 : clamp(mid + half, 0, 1)];
}

/** CES mean on 1–7 with an adjusted Student-t interval (see meanWithCi). */
export function ces(n: number, sum: number, sumsq: number): Ces | null {
  return meanWithCi(n, sum, sumsq, 1, 7);
}

export function cesFromHistogram(h: Histogram): Ces | null {
  let n = 0;
  let sum = 0;
  let sumsq = 0;
  h.forEach((c, v) => {
    n += c;
    sum += c * v;
    sumsq += c * v * v;
  });
  return ces(n, sum, sumsq);
}

/**
 * Pseudo-answers added at each end of the scale for the interval only (a quarter answer at `lo` and
 * a quarter at `hi`): the bounded-scale analogue of Agresti–Coull's adjustment for a proportion.
 * Without it, 30 equal answers give a zero-width interval and a scale where most answers sit at
 * the top covers the true mean ~60% of the time at n = 30; with it coverage stays ≥ 93% there
 * (simulated in the tests) and the effect fades as 1/n. The reported mean and sd are the data's own.
 */
export const MEAN_PSEUDO_ANSWERS = 0.25;

/** Mean of a bounded scale (lo..hi) with a 95% interval; one answer spans the scale. */
export function meanWithCi(n: number, sum: number, sumsq: number, lo: number, hi: number): Ces | null {
  if (n <= 0) return null;
  const mean = sum / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (sumsq - n * mean * mean) / (n - 1))) : 0;
  if (n < 2) return { mean, n, sd, ci95: [lo, hi], enough: n >= MIN_ANSWERS };
  const c = MEAN_PSEUDO_ANSWERS;
  const na = n + 2 * c;
  const meanA = (sum + c * lo + c * hi) / na;
  // Σ(x − m)² = Σx² − 2mΣx + n·m², for the data and for the pseudo-answers at the two ends.
  const ssA = sumsq - 2 * meanA * sum + n * meanA * meanA + c * ((lo - meanA) ** 2 + (hi - meanA) ** 2);
  const margin = tQuantile975(n - 1) * Math.sqrt(Math.max(0, ssA) / (na - 1) / na);
  return {
    mean,
    n,
    sd,
    ci95: [clamp(meanA - margin, lo, hi), clamp(meanA + margin, lo, hi)],
    enough: n >= MIN_ANSWERS,
  };
}

/** 97.5% quantile of Student's t with df degrees of freedom (exact: inverse regularized incomplete beta). */
export function tQuantile975(df: number): number {
  if (!(df > 0)) return Number.POSITIVE_INFINITY;
  return studentTQuantile(0.975, df);
}

/** Two-sided p-value of a t statistic with df degrees of freedom (df may be fractional, as Welch's is). */
export function tTwoSided(t: number, df: number): number {
  return clamp(2 * studentTCdf(-Math.abs(t), df), 0, 1);
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return stdNormalCdf(x, 0, 1);
}

const zTwoSided = (z: number) => clamp(2 * normalCdf(-Math.abs(z)), 0, 1);

const comparison = (delta: number, p: number): Comparison => ({ delta, p, significant: p < ALPHA });

/**
 * Two-sample test for NPS: each answer is +1/0/−1, so the NPS difference is a difference of
 * means with variance var1/n1 + var2/n2 (a z-test; needs enough answers on both sides).
 */
export function compareNps(a: Nps | null, b: Nps | null): Comparison | null {
  if (!a || !b || !a.enough || !b.enough) return null;
  return testNps(a, b);
}

/** The NPS test itself, without the minimum-answers gate (a cell against the pooled rest). */
export function testNps(a: Nps, b: Nps): Comparison {
  const va = trinomialVariance(a.promoters / a.n, a.detractors / a.n) / a.n;
  const vb = trinomialVariance(b.promoters / b.n, b.detractors / b.n) / b.n;
  const diff = (a.promoters - a.detractors) / a.n - (b.promoters - b.detractors) / b.n;
  const se = Math.sqrt(va + vb);
  const p = se === 0 ? (diff === 0 ? 1 : 0) : zTwoSided(diff / se);
  return comparison(diff * 100, p);
}

/**
 * CSAT difference: Fisher's exact test when any expected cell count is under 5 (where the
 * normal approximation is poor), else the 'N−1' χ² test (Campbell 2007, Statistics in Medicine
 * 26:3661), i.e. the pooled two-proportion z scaled by √((N−1)/N).
 */
export function compareCsat(a: Csat | null, b: Csat | null): Comparison | null {
  if (!a || !b || !a.enough || !b.enough) return null;
  return testCsat(a, b);
}

/** The CSAT test itself, without the minimum-answers gate. */
export function testCsat(a: Csat, b: Csat): Comparison {
  const pa = a.satisfied / a.n;
  const pb = b.satisfied / b.n;
  const N = a.n + b.n;
  const sat = a.satisfied + b.satisfied;
  const minExpected = (Math.min(a.n, b.n) * Math.min(sat, N - sat)) / N;
  if (minExpected < 5)
    return comparison((pa - pb) * 100, fisherExact(a.satisfied, a.n - a.satisfied, b.satisfied, b.n - b.satisfied));
  const pool = sat / N;
  const se = Math.sqrt(pool * (1 - pool) * (1 / a.n + 1 / b.n));
  const p = se === 0 ? (pa === pb ? 1 : 0) : zTwoSided(((pa - pb) / se) * Math.sqrt((N - 1) / N));
  return comparison((pa - pb) * 100, p);
}

/**
 * Two-sided Fisher's exact test of the 2×2 table [[a, b], [c, d]]: the probability, with the
 * margins fixed, of a table no more likely than the one observed (the definition scipy and R use,
 * with the same 1e-7 relative tolerance for ties).
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const N = a + b + c + d;
  const row = a + b;
  const col = a + c;
  const lo = Math.max(0, row + col - N);
  const hi = Math.min(row, col);
  const observed = hypergeometricPmf(a, N, col, row);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = hypergeometricPmf(x, N, col, row);
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  return clamp(p, 0, 1);
}

/**
 * Welch's t-test for CES means (unequal variances), with the Welch–Satterthwaite degrees of
 * freedom and the exact t tail, from the unrounded mean and sd of each side.
 */
export function compareCes(a: Ces | null, b: Ces | null): Comparison | null {
  if (!a || !b || !a.enough || !b.enough) return null;
  return testCes(a, b);
}

/** The CES test itself (Welch), without the minimum-answers gate. */
export function testCes(a: Ces, b: Ces): Comparison {
  return comparison(a.mean - b.mean, welch(a, b).p);
}

/**
 * Pools several NPS/CSAT/CES results of the same metric into one (the answers of "the rest" of a
 * table): counts add up; for CES the pooled sum and sum of squares are rebuilt from n, mean and sd.
 */
export function poolNps(list: readonly Nps[]): Nps | null {
  const sum = (f: (m: Nps) => number) => list.reduce((s, m) => s + f(m), 0);
  return nps(
    sum((m) => m.promoters),
    sum((m) => m.passives),
    sum((m) => m.detractors),
  );
}
export function poolCsat(list: readonly Csat[]): Csat | null {
  return csat(
    list.reduce((s, m) => s + m.satisfied, 0),
    list.reduce((s, m) => s + m.n, 0),
  );
}
export function poolCes(list: readonly Ces[]): Ces | null {
  let n = 0;
  let sum = 0;
  let sumsq = 0;
  for (const m of list) {
    n += m.n;
    sum += m.n * m.mean;
    sumsq += (m.n - 1) * m.sd * m.sd + m.n * m.mean * m.mean;
  }
  return ces(n, sum, sumsq);
}

/** Welch's unequal-variance t-test from n, mean and sample sd of two groups. */
export function welch(
  a: { n: number; mean: number; sd: number },
  b: { n: number; mean: number; sd: number },
): { t: number; df: number; p: number } {
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const diff = a.mean - b.mean;
  const se2 = va + vb;
  if (se2 === 0)
    return { t: diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY, df: a.n + b.n - 2, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { t, df, p: tTwoSided(t, df) };
}

/**
 * Holm's step-down adjustment (Holm 1979) of a family of p-values: the adjusted values, in the
 * input's order, each compared with α keeps the family-wise error rate at α. Nulls stay null.
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  const idx = ps.flatMap((p, i) => (p === null ? [] : [i])).sort((i, j) => ps[i]! - ps[j]!);
  const m = idx.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  idx.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * ps[i]!));
    out[i] = running;
  });
  return out;
}
