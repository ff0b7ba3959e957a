/**
 * Small, explainable statistics for drivers and churn risk: ridge-regularised least squares on
 * standardized columns, Pratt's relative importance with a seeded bootstrap, a logistic model and
 * its AUC. Pure functions over plain arrays; no request or database knowledge.
 */

/** A seeded PRNG (mulberry32): the same data give the same intervals on every call. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
const sd = (xs: number[], m = mean(xs)) => Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length || 1));

/** Solves (A + λI)x = b by Gaussian elimination with partial pivoting (A symmetric, small). */
function solve(a: number[][], b: number[], lambda: number): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row.map((v, j) => v + (i === j ? lambda : 0)), b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      if (f) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Pratt's measure per column: standardized coefficient × correlation with y. The measures add up to
 * R² (the share of y's variance the columns explain together), so each is that column's share.
 * A small ridge keeps collinear columns (touchpoint or attribute dummies) stable.
 */
export function pratt(x: number[][], y: number[]): { importance: number[]; r2: number } {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  const cols = Array.from({ length: p }, (_, j) => x.map((row) => row[j]!));
  const z = cols.map((c) => {
    const m = mean(c);
    const s = sd(c, m);
    return c.map((v) => (s > 0 ? (v - m) / s : 0));
  });
  const my = mean(y);
  const sy = sd(y, my);
  const zy = y.map((v) => (sy > 0 ? (v - my) / sy : 0));
  const r = z.map((c) => c.reduce((s, v, i) => s + v * zy[i]!, 0) / n);
  const rxx = z.map((a) => z.map((b) => a.reduce((s, v, i) => s + v * b[i]!, 0) / n));
  const beta = solve(rxx, r, 0.01);
  const importance = beta.map((b, j) => b * r[j]!);
  return { importance, r2: importance.reduce((s, v) => s + v, 0) };
}

/** Pratt's measures with 95% percentile intervals from `resamples` bootstrap resamples (seeded). */
export function prattBootstrap(
  x: number[][],
  y: number[],
  resamples = 200,
  seed = 1,
): { importance: number[]; ci95: [number, number][]; r2: number } {
  const base = pratt(x, y);
  const rand = seeded(seed);
  const draws: number[][] = base.importance.map(() => []);
  for (let b = 0; b < resamples; b++) {
    const idx = y.map(() => Math.floor(rand() * y.length));
    const { importance } = pratt(
      idx.map((i) => x[i]!),
      idx.map((i) => y[i]!),
    );
    importance.forEach((v, j) => {
      draws[j]!.push(v);
    });
  }
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))]!;
  };
  return { importance: base.importance, ci95: draws.map((d) => [q(d, 0.025), q(d, 0.975)]), r2: base.r2 };
}

/** Logistic regression on standardized features (gradient descent with a little L2), explainable weights. */
export function logistic(
  x: number[][],
  y: number[],
): { weights: number[]; bias: number; means: number[]; sds: number[]; predict: (row: number[]) => number } {
  const p = x[0]?.length ?? 0;
  const means = Array.from({ length: p }, (_, j) => mean(x.map((r) => r[j]!)));
  const sds = Array.from(
    { length: p },
    (_, j) =>
      sd(
        x.map((r) => r[j]!),
        means[j],
      ) || 1,
  );
  const z = x.map((r) => r.map((v, j) => (v - means[j]!) / sds[j]!));
  const w = new Array<number>(p).fill(0);
  let bias = 0;
  const sig = (t: number) => 1 / (1 + Math.exp(-t));
  for (let it = 0; it < 500; it++) {
    const gw = new Array<number>(p).fill(0);
    let gb = 0;
    z.forEach((r, i) => {
      const e = sig(bias + r.reduce((s, v, j) => s + v * w[j]!, 0)) - y[i]!;
      gb += e;
      r.forEach((v, j) => {
        gw[j]! += e * v;
      });
    });
    bias -= (0.5 * gb) / z.length;
    for (let j = 0; j < p; j++) w[j]! -= 0.5 * (gw[j]! / z.length + 0.01 * w[j]!);
  }
  const predict = (row: number[]) => sig(bias + row.reduce((s, v, j) => s + ((v - means[j]!) / sds[j]!) * w[j]!, 0));
  return { weights: w, bias, means, sds, predict };
}

/** Area under the ROC curve (ties count half) with the Hanley–McNeil 95% interval. */
export function auc(scores: number[], labels: number[]): { auc: number; ci95: [number, number] } | null {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  if (!pos.length || !neg.length) return null;
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  const A = wins / (pos.length * neg.length);
  const q1 = A / (2 - A);
  const q2 = (2 * A * A) / (1 + A);
  const se = Math.sqrt(
    (A * (1 - A) + (pos.length - 1) * (q1 - A * A) + (neg.length - 1) * (q2 - A * A)) / (pos.length * neg.length),
  );
  return { auc: A, ci95: [Math.max(0, A - 1.96 * se), Math.min(1, A + 1.96 * se)] };
}
