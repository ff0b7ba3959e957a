import { describe, expect, it } from 'vitest';
import { meanWithCi } from '../../shared/metrics';
import {
  answerFromParam,
  checkAnswer,
  followUpOf,
  metricFedBy,
  QUESTION_TYPES,
  Question,
  resultOf,
  scaleOf,
  scoreKindOf,
  starterOf,
} from '../../shared/questions/registry';
import { checkAnswers } from '../../shared/schemas/response';

const prompt = { en: 'Q?' };

/** One question of every type, as a survey stores it (and the widget receives it). */
const EVERY: Question[] = [
  { id: 'nps', type: 'nps', prompt, lowLabel: { en: 'no' } },
  { id: 'csat', type: 'csat', prompt, style: 'stars' },
  { id: 'ces', type: 'ces', prompt },
  { id: 'rating', type: 'rating', prompt, scale: 10, style: 'numbers' },
  {
    id: 'choice',
    type: 'choice',
    prompt,
    multiple: true,
    options: [
      { id: 'a', label: { en: 'A' } },
      { id: 'b', label: { en: 'B' } },
    ],
  },
  { id: 'text', type: 'text', prompt, maxLength: 5, placeholder: { en: '…' } },
];

describe('question-type registry (shared/questions/)', () => {
  it('keeps the survey JSON as it was: every type parses to itself, an unknown field or type is refused', () => {
    expect(EVERY.map((q) => q.type)).toEqual([...QUESTION_TYPES]);
    for (const q of EVERY) expect(Question.parse(q)).toEqual(q);
    expect(Question.safeParse({ ...EVERY[0], style: 'stars' }).success).toBe(false);
    expect(Question.safeParse({ id: 'x', type: 'slider', prompt }).success).toBe(false);
    expect(Question.safeParse({ ...EVERY[3], scale: 11 }).success).toBe(false);
  });

  it('states each scale once: the answer check, the results and the editor read the same bounds', () => {
    const scales = EVERY.map(scaleOf);
    expect(scales).toEqual([
      { min: 0, max: 10 },
      { min: 1, max: 5 },
      { min: 1, max: 7 },
      { min: 1, max: 10 },
      null,
      null,
    ]);
    const empty = {
      histogram: Array(11).fill(1),
      options: new Map(),
      sentiment: { positive: 0, neutral: 0, negative: 0 },
    };
    EVERY.forEach((q, i) => {
      const s = scales[i];
      if (!s) return;
      expect(checkAnswer(q, s.min)).toEqual({ num: s.min, text: null, choices: null });
      expect(checkAnswer(q, s.max + 1)).toEqual({ issue: `expected a whole number from ${s.min} to ${s.max}` });
      expect(checkAnswer(q, s.min - 1)).toHaveProperty('issue');
      expect(resultOf(q, empty, { meanWithCi }).distribution?.map((d) => d.value)).toEqual(
        Array.from({ length: s.max - s.min + 1 }, (_, k) => s.min + k),
      );
    });
  });

  it('checks and normalises the unscored answers: options known and de-duplicated, text trimmed, blank text a skip', () => {
    const [choice, text] = [EVERY[4]!, EVERY[5]!];
    expect(checkAnswer(choice, ['b', 'a', 'b'])).toEqual({ num: null, text: null, choices: ['b', 'a'] });
    expect(checkAnswer(choice, 'a')).toEqual({ num: null, text: null, choices: ['a'] });
    expect(checkAnswer(choice, ['z'])).toEqual({ issue: 'no option "z"' });
    expect(checkAnswer(text, '  hi  ')).toEqual({ num: null, text: 'hi', choices: null });
    expect(checkAnswer(text, '   ')).toBeNull();
    expect(checkAnswer(text, '123456')).toEqual({ issue: 'at most 5 characters' });
    expect(checkAnswers(EVERY, [{ questionId: 'text', value: ' ' }])).toEqual({ ok: true, answers: [] });
  });

  it('says what each type feeds: headline metric, drop-alert score, link pre-answer, editor defaults', () => {
    expect(QUESTION_TYPES.map(metricFedBy)).toEqual(['nps', 'csat', 'ces', undefined, undefined, undefined]);
    expect(QUESTION_TYPES.map(scoreKindOf)).toEqual(['nps', 'csat', 'mean', 'mean', null, null]);
    expect(EVERY.map((q) => answerFromParam(q, '3'))).toEqual([3, 3, 3, 3, ['3'], null]);
    expect(followUpOf(EVERY[0]!)).toEqual({ max: 6 });
    expect(followUpOf(EVERY[4]!)).toEqual({ anyOf: ['a'] });
    expect(Object.keys(starterOf('choice'))).toEqual(['options']);
  });
});
