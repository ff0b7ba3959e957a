/** What the scored types (nps, csat, ces, rating) share: a whole number on a scale. */
import type { AnswerValue } from '../schemas/response';
import type { Checked, QuestionData, ResultPart, ResultStats, Scale } from './kind';

export function checkScore({ min, max }: Scale, v: AnswerValue): Checked {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? { num: v, text: null, choices: null }
    : { issue: `expected a whole number from ${min} to ${max}` };
}

/** Every value of the scale with its count (zeros included), and the mean with its t interval. */
export function scoreResult({ min, max }: Scale, { histogram }: QuestionData, { meanWithCi }: ResultStats): ResultPart {
  const distribution = [];
  let n = 0;
  let sum = 0;
  let sumsq = 0;
  for (let v = min; v <= max; v++) {
    const c = histogram[v] ?? 0;
    distribution.push({ value: v, count: c });
    n += c;
    sum += c * v;
    sumsq += c * v * v;
  }
  return { distribution, mean: meanWithCi(n, sum, sumsq, min, max) };
}

export const scoreParam = (raw: string): number => Number(raw);
