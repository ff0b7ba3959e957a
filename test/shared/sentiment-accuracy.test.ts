import { describe, expect, it } from 'vitest';
import { analyzeSentiment, contentTerms, topTerms } from '../../shared/sentiment';
import { accuracy, LANGUAGES } from '../fixtures/sentiment/accuracy';

// Floors a few points under the accuracy measured when the sets were written (en 0.94, fa 0.84, ar 0.92):
// a lexicon change that loses more than that on realistic answers fails here. The sets also served to find
// the lexicons' gaps, so these are not held-out figures.
const FLOOR = { en: 0.9, fa: 0.8, ar: 0.88 };

describe('sentiment accuracy on the hand-labelled sets (test/fixtures/sentiment)', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: ≥ 200 sentences, accuracy at least ${FLOOR[lang]}`, () => {
      const a = accuracy(lang);
      expect(a.n).toBeGreaterThanOrEqual(200);
      expect(a.accuracy, a.wrong.join('\n')).toBeGreaterThanOrEqual(FLOOR[lang]);
    });
  }
});

describe('the weak cases named in issue #16', () => {
  it('"could not find" is a complaint', () => {
    expect(analyzeSentiment('The page is cluttered and I could not find the buy button').label).toBe('negative');
    expect(analyzeSentiment('صفحه شلوغه و دکمه خرید رو پیدا نکردم', 'fa').label).toBe('negative');
    expect(analyzeSentiment('الصفحة مزدحمة ولم أجد زر الشراء', 'ar').label).toBe('negative');
  });
  it('"nothing special" cancels a mild positive', () => {
    expect(analyzeSentiment('Fine overall, nothing special').label).toBe('neutral');
    expect(analyzeSentiment('بشكل عام لا بأس، لا شيء مميز', 'ar').label).toBe('neutral');
  });
  it('negated negatives and praise through negation', () => {
    expect(analyzeSentiment("Couldn't be happier with the service.").label).toBe('positive');
    expect(analyzeSentiment('No complaints, works great.').label).toBe('positive');
    expect(analyzeSentiment('طلبت خمس مرات ولم أواجه أي مشكلة', 'ar').label).toBe('positive');
  });
  it('"used", "need", "centre" are not recurring terms', () => {
    const texts = ['I used the help centre', 'I need the help centre again', 'We used it, need more'];
    expect(topTerms(texts).map((t) => t.term)).not.toEqual(expect.arrayContaining(['used']));
    for (const t of ['used', 'need', 'centre']) expect(contentTerms(texts.join(' ')).has(t)).toBe(false);
  });
});
