import { z } from 'zod';

/** Below this many answers a score is shown as "too few answers", not as a number to act on. */
export const MIN_ANSWERS = 30;

/** A 95% interval `[low, high]` in the metric's unit. */
export const Ci95 = z.tuple([z.number(), z.number()]).describe('95% interval [low, high]');

/** `enough: false` below the minimum number of answers: show "too few answers", not the number. */
const enough = z.boolean().describe('false under the minimum answers: show "too few answers"');

export const NpsMetric = z.object({
  score: z.number().min(-100).max(100).describe('%promoters − %detractors'),
  n: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  ci95: Ci95,
  enough,
});
export type Nps = z.infer<typeof NpsMetric>;

export const CsatMetric = z.object({
  score: z.number().min(0).max(100).describe('% of answers 4–5'),
  n: z.number().int(),
  satisfied: z.number().int(),
  ci95: Ci95,
  enough,
});
export type Csat = z.infer<typeof CsatMetric>;

export const CesMetric = z.object({
  mean: z.number(),
  n: z.number().int(),
  sd: z.number(),
  ci95: Ci95,
  enough,
});
export type Ces = z.infer<typeof CesMetric>;

/** The three headline metrics; each from the survey's first question of its type, null without answers. */
export const Metrics = z.object({ nps: NpsMetric.nullable(), csat: CsatMetric.nullable(), ces: CesMetric.nullable() });
export type Metrics = z.infer<typeof Metrics>;
export type MetricKey = keyof Metrics;

/** Current against previous period: the difference, its two-sided p-value, and whether p < 0.05. */
export const Comparison = z.object({
  delta: z.number().describe("current − previous, in the metric's unit"),
  p: z.number().min(0).max(1),
  significant: z.boolean(),
});
export type Comparison = z.infer<typeof Comparison>;
