import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../shared/schemas/response';
import type { Question } from '../../shared/schemas/survey';
import { answerList, nextIndex, progress, visible } from '../../widget/ui/logic';

const qs: Question[] = [
  { id: 'nps', type: 'nps', prompt: { en: 'How likely?' } },
  { id: 'why', type: 'text', prompt: { en: 'What should we improve?' }, showIf: { questionId: 'nps', max: 6 } },
  { id: 'love', type: 'text', prompt: { en: 'What do you love?' }, showIf: { questionId: 'nps', min: 9 } },
  {
    id: 'use',
    type: 'choice',
    multiple: true,
    prompt: { en: 'What for?' },
    options: [
      { id: 'work', label: { en: 'Work' } },
      { id: 'home', label: { en: 'Home' } },
    ],
  },
  { id: 'team', type: 'csat', prompt: { en: 'Team?' }, showIf: { questionId: 'use', anyOf: ['work'] } },
];

describe('follow-up rules', () => {
  it('numeric ranges and choices', () => {
    expect(visible(qs[1]!, { nps: 3 })).toBe(true);
    expect(visible(qs[1]!, { nps: 7 })).toBe(false);
    expect(visible(qs[1]!, {})).toBe(false);
    expect(visible(qs[2]!, { nps: 10 })).toBe(true);
    expect(visible(qs[4]!, { use: ['home', 'work'] })).toBe(true);
    expect(visible(qs[4]!, { use: ['home'] })).toBe(false);
    expect(visible(qs[4]!, { use: [] })).toBe(false);
  });

  it('walks the survey: a detractor is asked what to improve, a passive is not', () => {
    expect(nextIndex(qs, -1, {})).toBe(0);
    expect(nextIndex(qs, 0, { nps: 4 })).toBe(1);
    expect(nextIndex(qs, 1, { nps: 4, why: 'speed' })).toBe(3);
    expect(nextIndex(qs, 0, { nps: 8 })).toBe(3);
    expect(nextIndex(qs, 0, { nps: 9 })).toBe(2);
    expect(nextIndex(qs, 3, { nps: 8, use: ['home'] })).toBe(-1);
    expect(nextIndex(qs, 3, { nps: 8, use: ['work'] })).toBe(4);
  });

  it('progress counts shown questions and one per undecided follow-up group', () => {
    expect(progress(qs, 0, {})).toEqual([1, 4]); // nps, one of why/love, use, team?
    expect(progress(qs, 0, { nps: 8 })).toEqual([1, 3]);
    expect(progress(qs, 1, { nps: 3 })).toEqual([2, 4]);
    expect(progress(qs, 3, { nps: 8, use: ['home'] })).toEqual([2, 2]);
    expect(progress(qs, 4, { nps: 8, use: ['work'] })).toEqual([3, 3]);
  });
});

describe('answers sent', () => {
  it('in question order, trimmed, skips left out, and accepted by the collector check', () => {
    const a = answerList(qs, { use: ['work'], nps: 4, why: '  faster pages ', love: '   ', team: 5 });
    expect(a).toEqual([
      { questionId: 'nps', value: 4 },
      { questionId: 'why', value: 'faster pages' },
      { questionId: 'use', value: ['work'] },
      { questionId: 'team', value: 5 },
    ]);
    expect(checkAnswers(qs, a).ok).toBe(true);
    expect(answerList(qs, { use: [] })).toEqual([]);
  });
});
