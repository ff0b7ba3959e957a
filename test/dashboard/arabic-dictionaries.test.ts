// Every text module of the dashboard speaks Arabic (#15, #17): each Arabic dictionary has every
// English key, fills the same placeholders, and is translated (a value equal to the English one is
// allowed only when all it holds is brand names, acronyms and placeholders).
import { describe, expect, it } from 'vitest';
import { DICTS as distribute } from '../../dashboard/src/distribute/i18n';
import { initialLocale, loadLocale, makeI18n, saveLocale } from '../../dashboard/src/i18n';
import { ar } from '../../dashboard/src/i18n/ar';
import { en } from '../../dashboard/src/i18n/en';
import { opsAr } from '../../dashboard/src/ops/i18n-ar';
import { opsEn } from '../../dashboard/src/ops/i18n-en';
import { setupAr } from '../../dashboard/src/setup/i18n-ar';
import { setupEn } from '../../dashboard/src/setup/i18n-en';
import { TITLES } from '../../dashboard/src/setup/titles';
import { DICTS as teams } from '../../dashboard/src/teams/i18n';
import { SCHEMA_WORDS, WORDS } from '../../dashboard/src/validate';
import { DICTS as why } from '../../dashboard/src/why/i18n';
import { MESSAGES } from '../../shared/schemas/messages';

/** Words that stay as they are in Arabic text: names of products, formats and metrics. */
const KEPT = ['NPS', 'CSAT', 'CES', 'API', 'CSV', 'QR', 'SMS', 'JSON', 'Slack', 'n', 'p', 'ms'];

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** What is left to translate once placeholders, kept words and the bidi marks are taken out. */
const words = (s: string) =>
  s
    .replace(/\{\w+\}/g, '')
    .replace(/[\u2066-\u2069\u200e\u200f]/g, '')
    .split(/[^A-Za-z]+/)
    .filter((w) => w && !KEPT.includes(w));

const MODULES: Record<string, [Record<string, string>, Record<string, string>]> = {
  'i18n/en.ts → ar.ts': [en, ar],
  'setup/i18n-en.ts → i18n-ar.ts': [setupEn, setupAr],
  'ops/i18n-en.ts → i18n-ar.ts': [opsEn, opsAr],
  'distribute/i18n.ts': [distribute.en, distribute.ar],
  'setup/titles.ts': [TITLES.en, TITLES.ar],
  'teams/i18n.ts': [teams.en!, teams.ar!],
  'why/i18n.ts': [why.en!, why.ar!],
  'validate.ts (zod refusals)': [WORDS.en, WORDS.ar],
  'validate.ts (schema messages)': [MESSAGES, SCHEMA_WORDS.ar],
};

describe('Arabic dictionaries', () => {
  for (const [name, [english, arabic]] of Object.entries(MODULES)) {
    it(`${name}: every key, the same placeholders, translated`, () => {
      expect(Object.keys(arabic).sort()).toEqual(Object.keys(english).sort());
      const wrongPlaceholders = Object.keys(english).filter(
        (k) => placeholders(arabic[k] ?? '').join() !== placeholders(english[k] ?? '').join(),
      );
      expect(wrongPlaceholders).toEqual([]);
      const empty = Object.keys(english).filter((k) => !arabic[k]?.trim());
      expect(empty).toEqual([]);
      const untranslated = Object.keys(english).filter(
        (k) => arabic[k] === english[k] && words(english[k] ?? '').length > 0,
      );
      expect(untranslated).toEqual([]);
    });
  }

  it('Arabic text is in Arabic script, not English with a few words changed', () => {
    // A value whose Latin words outnumber its Arabic ones was most likely left in English (code
    // examples isolated left to right, such as YYYY-MM-DD, are code, not words).
    const mostlyLatin: string[] = [];
    for (const [name, [english, arabic]] of Object.entries(MODULES)) {
      for (const k of Object.keys(english)) {
        const v = (arabic[k] ?? '').replace(/\u2066[^\u2069]*\u2069/g, '');
        const arabicWords = v.match(/[\u0600-\u06ff]+/g)?.length ?? 0;
        if (words(v).length > arabicWords + 1) mostlyLatin.push(`${name}: ${k}`);
      }
    }
    expect(mostlyLatin).toEqual([]);
  });
});

describe('the dashboard in Arabic', () => {
  it('reads right to left, in Arabic, with the Gregorian calendar and the Jalali one on request', async () => {
    await loadLocale('ar');
    const i = makeI18n('ar');
    expect(i.dir).toBe('rtl');
    expect(i.sep).toBe('، ');
    expect(i.t('view.overview')).toBe('نظرة عامة');
    // A placeholder is isolated, so a Latin name keeps its order inside Arabic text.
    expect(i.t('reportFor', { survey: 'Checkout NPS' })).toBe('تقرير: \u2068Checkout NPS\u2069');
    // Digits as CLDR writes Arabic (Western digits), the same in every number the dashboard shows.
    const digits = i.int(1234) + i.day('2026-03-05');
    expect(digits).toMatch(/1,234/);
    expect(digits).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    // A signed number reads left to right inside the Arabic sentence.
    expect(i.signed(-5)).toBe('\u2066-5\u2069');
    expect(i.day('2026-03-05')).toMatch(/مارس 2026/);
    // A site on the Persian calendar: Jalali months, named in Arabic script.
    // (CLDR's Arabic name of Farvardin is «فرفردن»).
    expect(i.month('2026-03-21', 'persian')).toMatch(/^فرفردن 1405/);
    expect(i.month('2026-03-01')).toMatch(/مارس 2026/);
  });

  it('is chosen from the browser language and remembered', () => {
    const store = new Map<string, string>();
    const g = globalThis as unknown as { localStorage?: unknown; navigator?: unknown };
    const saved = { localStorage: g.localStorage, navigator: g.navigator };
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
    });
    Object.defineProperty(globalThis, 'navigator', { configurable: true, value: { language: 'ar-EG' } });
    try {
      expect(initialLocale()).toBe('ar');
      saveLocale('fa');
      expect(initialLocale()).toBe('fa');
      store.set('seda.locale', 'xx');
      expect(initialLocale()).toBe('ar');
    } finally {
      Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: saved.localStorage });
      Object.defineProperty(globalThis, 'navigator', { configurable: true, value: saved.navigator });
    }
  });
});
