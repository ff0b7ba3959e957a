import { describe, expect, it } from 'vitest';
import type { PublicSurvey } from '../../shared/schemas/survey';
import { isRtl, localDigits, pickText, surveyLocale } from '../../widget/core/locale';
import { type Strings, stringsFor } from '../../widget/i18n/strings';
import { TEXT } from '../../widget/i18n/text';

describe('digits', () => {
  it('Persian digits in fa, Arabic-Indic in ar, Western elsewhere', () => {
    expect(localDigits(1234567890, 'fa')).toBe('۱۲۳۴۵۶۷۸۹۰');
    expect(localDigits(10, 'fa-IR')).toBe('۱۰');
    expect(localDigits(1234567890, 'ar')).toBe('١٢٣٤٥٦٧٨٩٠');
    expect(localDigits(7, 'en')).toBe('7');
    expect(localDigits('3/500', 'fa')).toBe('۳/۵۰۰');
  });
});

describe('direction', () => {
  it('right-to-left locales', () => {
    for (const l of ['fa', 'ar', 'he', 'ur', 'fa-IR', 'ar-EG']) expect(isRtl(l)).toBe(true);
    for (const l of ['en', 'fr', 'de-CH', 'far']) expect(isRtl(l)).toBe(false);
  });
});

describe('prompts per locale with fallback', () => {
  const text = { en: 'Hello', fa: 'سلام' };
  it('picks exact, base, English, then anything', () => {
    expect(pickText(text, 'fa')).toBe('سلام');
    expect(pickText(text, 'fa-IR')).toBe('سلام');
    expect(pickText(text, 'de')).toBe('Hello');
    expect(pickText({ ar: 'مرحبا' }, 'de')).toBe('مرحبا');
    expect(pickText(undefined, 'en')).toBe('');
  });

  const survey = (prompt: Record<string, string>, locales?: string[]): PublicSurvey => ({
    id: 's',
    version: 1,
    questions: [{ id: 'q', type: 'nps', prompt }],
    locales,
  });
  it('chooses the survey locale from the page, then the site default, then the survey', () => {
    const s = survey({ en: 'a', fa: 'b' });
    expect(surveyLocale(s, ['fa', 'en'])).toBe('fa');
    expect(surveyLocale(s, ['FA_ir', 'en'])).toBe('fa');
    expect(surveyLocale(s, ['de', 'fa'])).toBe('fa');
    expect(surveyLocale(s, [undefined, 'de'])).toBe('en');
    expect(surveyLocale(survey({ ar: 'x' }), ['de', 'en'])).toBe('ar');
    expect(surveyLocale(survey({ en: 'a', 'pt-BR': 'b' }, ['en', 'pt-BR']), ['pt-br'])).toBe('pt-BR');
  });
});

describe('UI strings', () => {
  it('en, fa and ar have every string, and unknown languages fall back to English', () => {
    expect(Object.keys(TEXT).sort()).toEqual(['ar', 'en', 'fa']);
    const en = stringsFor('en');
    for (const lang of Object.keys(TEXT)) {
      const s = stringsFor(lang);
      for (const k of Object.keys(en) as (keyof Strings)[]) {
        expect(s[k], `${lang}.${k}`).toBeTruthy();
      }
      expect(s.csat).toHaveLength(5);
      expect(s.of).toContain('{a}');
      expect(s.of).toContain('{b}');
    }
    expect(stringsFor('fa-IR').close).toBe('بستن');
    expect(stringsFor('de')).toEqual(en);
    expect(en.close).toBe('Close');
  });
});
