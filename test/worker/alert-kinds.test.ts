import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/schemas/survey';
import { answer, answerMatches } from '../../worker/alerts/kinds/answer';
import { drop, dropDecision, metricFor, scoreOf } from '../../worker/alerts/kinds/drop';
import { checkRule, toAlert } from '../../worker/alerts/kinds/registry';
import type { AlertRow } from '../../worker/alerts/sql';

const nps: Question = { id: 'nps', type: 'nps', prompt: { en: 'Recommend?' } };
const text: Question = { id: 'why', type: 'text', prompt: { en: 'Why?' } };
const pick: Question = {
  id: 'pick',
  type: 'choice',
  prompt: { en: 'Which?' },
  options: [
    { id: 'a', label: { en: 'A' } },
    { id: 'b', label: { en: 'B' } },
  ],
};
const base = { surveyId: 'sv_1', webhookId: 'wh_1' };
const row = (over: Partial<AlertRow>): AlertRow => ({
  id: 'al_1',
  site_id: 's',
  survey_id: 'sv_1',
  question_id: 'nps',
  kind: 'answer',
  min: null,
  max: null,
  sentiment: null,
  touchpoint: null,
  metric: null,
  threshold: null,
  window_days: null,
  min_responses: null,
  fired_at: null,
  target_hours: null,
  webhook_id: 'wh_1',
  created_at: 0,
  ...over,
});
const answered = (num: number | null, sentiment: 'negative' | null = null) => ({
  questionId: 'nps',
  num,
  text: null,
  choices: null,
  sentiment,
});

describe('answer rules (worker/alerts/kinds/answer.ts)', () => {
  it('match an answer inside [min, max] with either bound open, or with the sentiment', () => {
    expect(answerMatches(row({ max: 6 }), answered(6))).toBe(true);
    expect(answerMatches(row({ max: 6 }), answered(7))).toBe(false);
    expect(answerMatches(row({ min: 9, max: 10 }), answered(8))).toBe(false);
    expect(answerMatches(row({ max: 6 }), answered(null))).toBe(false);
    expect(answerMatches(row({ sentiment: 'negative' }), answered(null, 'negative'))).toBe(true);
  });

  it('are checked against the question: bounds need a scored one, sentiment a text one', () => {
    expect(checkRule({ ...base, questionId: 'nps', max: 6 }, nps)).toEqual({ max: 6 });
    expect(checkRule({ ...base, questionId: 'pick', max: 6 }, pick)).toMatchObject({ path: ['min'] });
    expect(checkRule({ ...base, questionId: 'nps', sentiment: 'negative' }, nps)).toMatchObject({
      path: ['sentiment'],
    });
    expect(answer.check({ ...base, questionId: 'why', sentiment: 'negative' }, text)).toMatchObject({
      sentiment: 'negative',
    });
  });

  it('show only the bounds that were given', () => {
    expect(toAlert(row({ max: 6 }))).toEqual({
      id: 'al_1',
      kind: 'answer',
      surveyId: 'sv_1',
      questionId: 'nps',
      max: 6,
      webhookId: 'wh_1',
      createdAt: '1970-01-01T00:00:00.000Z',
    });
  });
});

describe('drop rules (worker/alerts/kinds/drop.ts)', () => {
  it('watch NPS, CSAT % or the mean, by question type, and refuse unscored questions', () => {
    expect((['nps', 'csat', 'ces', 'rating', 'text'] as const).map(metricFor)).toEqual([
      'nps',
      'csat',
      'mean',
      'mean',
      null,
    ]);
    const input = { kind: 'drop' as const, ...base, questionId: 'nps', threshold: 0, windowDays: 7, minResponses: 10 };
    expect(drop.check(input, nps)).toMatchObject({ metric: 'nps', threshold: 0, windowDays: 7, minResponses: 10 });
    expect(checkRule({ ...input, questionId: 'why' }, text)).toMatchObject({ path: ['questionId'] });
  });

  it('score a histogram as NPS (−100..100), CSAT % satisfied, or the mean', () => {
    const h = [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2]; // one detractor, three promoters
    expect(scoreOf('nps', h)).toMatchObject({ value: 50, n: 4 });
    expect(scoreOf('csat', [0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0])).toMatchObject({ n: 3 });
    expect(scoreOf('mean', [0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ value: 2, n: 2 });
  });

  it('fire on the interval, with the answer floor, and re-arm only past threshold + buffer', () => {
    // 5 promoters and 25 detractors (n = 30): NPS −66.7, adjusted-Wald upper bound −34.5 < 0.
    const low = scoreOf('nps', [25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])!;
    expect(low.ci95[1]).toBeCloseTo(-34.5, 0);
    expect(dropDecision('nps', low, 0, 30, false)).toBe('fire');
    // 29 of them: under the dashboard's floor, whatever minResponses says.
    const few = scoreOf('nps', [24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])!;
    expect(dropDecision('nps', few, 0, 10, false)).toBe('hold');
    // Point estimate below the threshold but the interval reaching over it: not a credible drop.
    const unsure = scoreOf('nps', [17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 13])!; // NPS −13.3 on 30
    expect(unsure.value).toBeLessThan(0);
    expect(unsure.ci95[1]).toBeGreaterThan(0);
    expect(dropDecision('nps', unsure, 0, 30, false)).toBe('hold');
    // Fired: back at +3.8 (above 0, within the 5-point buffer) holds; +5.7 re-arms.
    const at = (p: number, d: number) => scoreOf('nps', [d, 0, 0, 0, 0, 0, 0, 0, 0, 0, p])!;
    expect(dropDecision('nps', at(27, 25), 0, 30, true)).toBe('hold');
    expect(dropDecision('nps', at(28, 25), 0, 30, true)).toBe('rearm');
  });

  it('show their window and whether they are firing', () => {
    const r = row({ kind: 'drop', metric: 'nps', threshold: 0, window_days: 7, min_responses: 10, fired_at: 5 });
    expect(toAlert(r)).toMatchObject({ kind: 'drop', metric: 'nps', threshold: 0, windowDays: 7, firing: true });
    expect(toAlert({ ...r, fired_at: null })).toMatchObject({ firing: false });
  });
});
