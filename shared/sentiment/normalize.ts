/**
 * Text normalisation shared by sentiment and topics: one spelling for Arabic-keyboard letters (ي/ی, ك/ک),
 * Persian and Arabic-Indic digits, ZWNJ variants and the joined/spaced negative prefix نمی, so a topic term
 * or a lexicon word written either way matches the answer written the other way.
 */
export const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D5\u06FA-\u06FF]/;

/**
 * Lowercase; Arabic-keyboard ي ى → ی, ك → ک, ة ۀ → ه, أ إ ٱ → ا (آ is kept); no tatweel or diacritics;
 * Persian and Arabic-Indic digits → ASCII; curly apostrophes → '; a ZWNJ only between two letters; the negative
 * prefix نمی written joined, with a space or with a ZWNJ always becomes "نمی‌" + ZWNJ; letters repeated 3+ times
 * collapse (to one in Arabic script, to two in Latin: "خیلیییی" → "خیلی", "soooo" → "soo"); whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[ةۀ]/g, 'ه')
    .replace(/[أإٱ]/g, 'ا')
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, '')
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u2018\u2019\u0060\u00B4]/g, "'")
    .replace(/\u200B|\u200D|\u2060|\uFEFF|\u00AD/g, '')
    .replace(/\u200C+/g, '\u200C')
    .replace(/(?<![\p{L}\p{M}])\u200C|\u200C(?![\p{L}\p{M}])/gu, '')
    .replace(/(?<![\p{L}\p{M}\p{N}])نمی(?:\u200C|[^\S\n]+)?(?=[\u0620-\u064A\u066E-\u06D5])/gu, 'نمی\u200C')
    .replace(/(\p{L})\1{2,}/gu, (_, c: string) => (ARABIC_LETTER.test(c) ? c : c + c))
    .replace(/[^\S\n]+/g, ' ')
    .trim();
}

export type Token = { text: string; kind: 'word' | 'emoji' | 'punct' };

const TOKEN =
  /(:-?\)+|:-?\(+|:'\(|:-?d\b|;-?\)|<3)|([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*)|(\p{Extended_Pictographic})|([.!?,;:\n\u060C\u061B\u061F\u2026])/gu;

/** Words (ZWNJ splits a Persian word into its parts), emoji/emoticons and clause punctuation of normalised text. */
export function lex(norm: string): Token[] {
  const out: Token[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    if (m[2]) {
      // Keep "n't" (a negator); drop other clitics so "service's" counts as "service".
      const w = m[2].endsWith("n't") ? m[2] : m[2].replace(/'(?:s|ll|re|ve|m|d)$/, '');
      out.push({ text: w, kind: 'word' });
    } else if (m[4]) out.push({ text: m[4], kind: 'punct' });
    else out.push({ text: (m[1] ?? m[3] ?? '').replace(/([()])\1+$/, '$1'), kind: 'emoji' });
  }
  return out;
}

/** Normalised word tokens, stopwords kept. A ZWNJ separates tokens: "پشتیبانی‌ها" → ["پشتیبانی", "ها"]. */
export function tokenize(text: string): string[] {
  return lex(normalizeText(text))
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
}

/** A lexicon entry or topic term in the same normal form as the texts it is matched against ("_" joins a phrase). */
export const keyOf = (phrase: string) =>
  lex(normalizeText(phrase.replaceAll('_', ' ')))
    .map((t) => t.text)
    .join(' ');

/** A space-separated word list in normal form. */
export const words = (list: string) => list.trim().split(/\s+/).map(keyOf).filter(Boolean);
