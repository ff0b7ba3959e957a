/** Planting data for the "why, and what it costs" tests: responses at chosen times through the real collector. */
import { vi } from 'vitest';
import { postResponse } from './helpers';

export type Answer = { questionId: string; value: number | string | string[] };
export type Post = {
  touchpoint?: string;
  answers: Answer[];
  respondent?: { id?: string; attributes?: Record<string, string | number | boolean> };
  locale?: string;
};

/** Posts one response (received at `at`, if given) and returns its id. */
export async function plant(siteKey: string, surveyId: string, p: Post, at?: string): Promise<string> {
  const id = crypto.randomUUID();
  if (at) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(at));
  }
  const res = await postResponse({
    id,
    siteKey,
    surveyId,
    ...(p.touchpoint ? { touchpoint: p.touchpoint } : {}),
    answers: p.answers,
    ...(p.respondent ? { respondent: p.respondent } : {}),
    ...(p.locale ? { context: { locale: p.locale } } : {}),
    completed: true,
  }).finally(() => vi.useRealTimers());
  if (res.status !== 202) throw new Error(`post: ${res.status} ${await res.text()}`);
  return id;
}

/** A small deterministic PRNG (mulberry32) so planted data is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
