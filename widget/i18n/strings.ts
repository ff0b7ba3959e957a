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

export function stringsFor(locale: string): Strings {
  const all = (TEXT[locale.split('-')[0]!] ?? TEXT.en!).split('|');
  const s = { csat: all.slice(KEYS.length) } as unknown as Record<string, unknown>;
  KEYS.forEach((k, i) => {
    s[k] = all[i];
  });
  return s as unknown as Strings;
}
