import { TEXT } from './text';

/** What the widget itself says, per language (prompts come from the survey). English is the fallback. */
export interface Strings {
  /** the dialog's accessible name */
  title: string;
  close: string;
  next: string;
  send: string;
  skip: string;
  thanks: string;
  /** "2 of 5": `{a}` and `{b}` are replaced with localised digits */
  of: string;
  npsLo: string;
  npsHi: string;
  cesLo: string;
  cesHi: string;
  type: string;
  /** CSAT 1..5 */
  csat: string[];
}

const KEYS = ['title', 'close', 'next', 'send', 'skip', 'thanks', 'of', 'npsLo', 'npsHi', 'cesLo', 'cesHi', 'type'];

/**
 * Whether this bundle has the widget's words for `locale`: a script-tag UI bundle holds one language
 * (English, the fallback for languages without words of their own, only in en.js); the ES module and
 * the hosted page hold them all.
 */
export const speaks = (locale: string): boolean => !!(TEXT[locale.split('-')[0]!] || TEXT.en);

export function stringsFor(locale: string): Strings {
  const all = (TEXT[locale.split('-')[0]!] ?? TEXT.en!).split('|');
  const s = { csat: all.slice(KEYS.length) } as unknown as Record<string, unknown>;
  KEYS.forEach((k, i) => {
    s[k] = all[i];
  });
  return s as unknown as Strings;
}
