/**
 * Metric math: NPS, CSAT and CES with 95% intervals and two-sample significance tests.
 * Pure functions over sufficient statistics (counts, sums, sums of squares), so the same code
 * serves a full scan and the pre-aggregated rollups and gives identical numbers.
 */

/** Below this many answers a score is shown as "too few answers", not as a number to act on. */
export const MIN_ANSWERS = 30;

const Z95 = 1.959963984540054;

import type { Ces, Comparison, Csat, Nps } from './schemas/metrics';

export type { Ces, Comparison, Csat, Nps };

/** Counts per score value, e.g. `counts[9]` = number of 9s. */
export type Histogram = readonly number[];

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * NPS = %promoters (9–10) − %detractors (0–6). Its variance per answer is
 * pP + pD − (pP − pD)², so the 95% margin is 1.96·sqrt(that / n), in points.
 */
export function nps(promoters: number, passives: number, detractors: number): Nps | null {
  const n = promoters + passives + detractors;
  if (n <= 0) return null;
  const pP = promoters / n;
  const pD = detractors / n;
  const score = (pP - pD) * 100;
  const margin = Z95 * Math.sqrt(npsVariance(pP, pD) / n) * 100;
  return {
    score: round1(score),
    n,
    promoters,
    passives,
    detractors,
    ci95: [round1(clamp(score - margin, -100, 100)), round1(clamp(score + margin, -100, 100))],
    enough: n >= MIN_ANSWERS,
  };
}

function npsVariance(pP: number, pD: number): number {
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
    score: round1((satisfied / n) * 100),
    n,
    satisfied,
    ci95: [round1(lo * 100), round1(hi * 100)],
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

export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const z2 = Z95 * Z95;
  const den = 1 + z2 / n;
  const mid = (p + z2 / (2 * n)) / den;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [clamp(mid - half, 0, 1), clamp(mid + half, 0, 1)];
}

/** CES mean on 1–7 with a Student-t interval (the sample sd is estimated, so t, not z). */
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

/** Mean of a bounded scale (lo..hi) with a t interval clamped to the scale; one answer spans the scale. */
export function meanWithCi(n: number, sum: number, sumsq: number, lo: number, hi: number): Ces | null {
  if (n <= 0) return null;
  const mean = sum / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (sumsq - n * mean * mean) / (n - 1))) : 0;
  const margin = n > 1 ? tQuantile975(n - 1) * (sd / Math.sqrt(n)) : Number.POSITIVE_INFINITY;
  return {
    mean: round2(mean),
    n,
    sd: round2(sd),
    ci95: [round2(clamp(mean - margin, lo, hi)), round2(clamp(mean + margin, lo, hi))],
    enough: n >= MIN_ANSWERS,
  };
}

/** 97.5% quantile of Student's t with df degrees of freedom (Cornish–Fisher expansion; <0.1% off for df ≥ 3). */
export function tQuantile975(df: number): number {
  if (df <= 0) return Number.POSITIVE_INFINITY;
  if (df === 1) return 12.706204736;
  if (df === 2) return 4.30265273;
  const z = Z95;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

/** Standard normal CDF (Zelen & Severo 26.2.17; error < 7.5e-8). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}

const twoSided = (z: number) => 2 * (1 - normalCdf(Math.abs(z)));

/**
 * Two-sample test for NPS: each answer is +1/0/−1, so the NPS difference is a difference of
 * means with variance var1/n1 + var2/n2 (a z-test; needs enough answers on both sides).
 */
export function compareNps(a: Nps | null, b: Nps | null): Comparison | null {
  if (!a || !b || !a.enough || !b.enough) return null;
  const va = npsVariance(a.promoters / a.n, a.detractors / a.n) / a.n;
  const vb = npsVariance(b.promoters / b.n, b.detractors / b.n) / b.n;
  const diff = (a.promoters - a.detractors) / a.n - (b.promoters - b.detractors) / b.n;
  const se = Math.sqrt(va + vb);
  const p = se === 0 ? (diff === 0 ? 1 : 0) : twoSided(diff / se);
  return { delta: round1(diff * 100), p: round4(p), significant: p < 0.05 };
}

/** Two-proportion z-test with the pooled proportion, for CSAT. */
export function compareCsat(a: Csat | null, b: Csat | null): Comparison | null {
  if (!a || !b || !a.enough || !b.enough) return null;
  const pa = a.satisfied / a.n;
  const pb = b.satisfied / b.n;
  const pool = (a.satisfied + b.satisfied) / (a.n + b.n);
  const se = Math.sqrt(pool * (1 - pool) * (1 / a.n + 1 / b.n));
  const p = se === 0 ? (pa === pb ? 1 : 0) : twoSided((pa - pb) / se);
  return { delta: round1((pa - pb) * 100), p: round4(p), significant: p < 0.05 };
}

/** Welch's t-test for CES means (unequal variances); the normal tail is used for df > 30. */
export function compareCes(a: Ces | null, b: Ces | null): Comparison | null {
  if (!a || !b || !a.enough || !b.enough) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const diff = a.mean - b.mean;
  const se = Math.sqrt(va + vb);
  const p = se === 0 ? (diff === 0 ? 1 : 0) : twoSided(diff / se);
  return { delta: round2(diff), p: round4(p), significant: p < 0.05 };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
