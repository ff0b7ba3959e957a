/** Recurring terms: what people talk about, without the words every answer uses. */
import { ar } from './lexicons/ar';
import { en } from './lexicons/en';
import { fa } from './lexicons/fa';
import { tokenize, words } from './normalize';

export const STOPWORDS = new Set([en, fa, ar].flatMap((l) => words(l.stopwords)));

/** Content terms of one text, each once: no stopwords, tokens of 2+ characters, no pure numbers. */
export function contentTerms(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => t.length >= 2 && !/^\d+$/.test(t) && !STOPWORDS.has(t)));
}

/**
 * The most frequent content terms across answers, for "what are people talking about": each term counts once per
 * text; English, Persian and Arabic stopwords, tokens shorter than 2 characters and pure numbers are left out.
 * Ties are broken alphabetically (by code unit) so the result is stable.
 */
export function topTerms(texts: string[], limit = 10): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const t of contentTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, Math.max(0, limit));
}
