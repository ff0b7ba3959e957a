import type { PublicSurvey } from '../../shared/schemas/survey';

const RTL = /^(ar|fa|he|ur|ps|ckb|sd|ug|yi|dv)\b/;
export const isRtl = (locale: string): boolean => RTL.test(locale);

/** Text in the wanted locale, else its base language, else the fallback, else English, else any. */
export function pickText(text: Record<string, string> | undefined, locale: string, fallback?: string): string {
  if (!text) return '';
  const base = locale.split('-')[0]!;
  return text[locale] ?? text[base] ?? (fallback && text[fallback]) ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * The locale a survey is shown in: the first of `wanted` (page, then site default) that the survey has
 * prompts in, by exact code (any case, `_` or `-`) or base language; else its first prompt language.
 */
export function surveyLocale(s: PublicSurvey, wanted: unknown[]): string {
  const have = s.locales?.length ? s.locales : Object.keys(s.questions[0]?.prompt ?? {});
  for (const w of wanted) {
    const x = typeof w === 'string' ? w.toLowerCase().replace('_', '-') : '';
    const hit = have.find((h) => h.toLowerCase() === x) ?? have.find((h) => h === x.split('-')[0]);
    if (hit) return hit;
  }
  return have[0] ?? 'en';
}

const ZERO: Record<string, number> = { fa: 0x6f0, ar: 0x660, ckb: 0x660, ur: 0x6f0, ps: 0x6f0 };

/** Western digits rewritten in the locale's own: Persian in fa, Arabic-Indic in ar. */
export function localDigits(n: number | string, locale: string): string {
  const z = ZERO[locale.split('-')[0]!];
  const s = String(n);
  return z ? s.replace(/\d/g, (d) => String.fromCharCode(z + +d)) : s;
}
