/**
 * Lexicon-based sentiment engine for open-text survey answers (English, Persian, some Arabic).
 * The words live in `lexicons/` (one module per language); this module is only the scoring.
 * Deterministic and dependency-free: the Worker scores answers at write time and the same code runs in browsers.
 *
 * How a text is scored:
 * 1. `normalizeText` folds Arabic-keyboard letters, diacritics, digits and ZWNJ spellings into one form.
 * 2. The text is split into words, emoji and punctuation; known phrases ("never again", "فوق العاده") are matched first.
 *    Lexicons are keyed by script, so mixed Persian/English answers use both. Arabic words are added where they
 *    differ from Persian; words that mean something else in Persian (e.g. the negator "ما" = "we") only count
 *    when `locale` is `ar`. Without a locale the language is detected from the script.
 * 3. Each sentiment word gets its valence (about ±0.5…±3), scaled by intensifiers ("very", "خیلی") just before it
 *    and flipped (×−0.74) by a negator in scope: up to three words after "not"/"never"/"n't"/"نه"/"هیچ"/"بدون"/"لا",
 *    one word after "بی"/"غیر"/"نمی‌", and — Persian puts negation on the verb at the end — up to three words before
 *    a negated verb ("راضی نیستم", "بد نبود", "خوب کار نمی‌کند"). Double negation in one clause counts once
 *    ("هیچ مشکلی نداشتم" = no problem at all).
 * 4. After "but"/"ولی"/"اما" the clause weighs ×1.5 and what came before ×0.5; a concessive clause ("although",
 *    "هرچند") weighs ×0.5. Problem words ("bug", "مشکل") are ignored in a clause that says they were fixed;
 *    "buy"/"order"/"خرید" count only in a clause about coming back: "won't order again", "دیگه خرید نمی‌کنم".
 * 5. Each "!" (up to 3) adds 0.3 in the direction of the sum S; score = S / √(S² + 15), in (−1, 1).
 *
 * Labels: score ≥ 0.15 → positive, score ≤ −0.15 → negative, otherwise neutral. A single mild word such as
 * "decent" (±1) gives ±0.25; "ok"/"معمولی" stay neutral.
 */
import { ar } from './lexicons/ar';
import { EMOJI } from './lexicons/emoji';
import { en } from './lexicons/en';
import { FA_KONAD_VERB, FA_NEG_VERB, FA_SUFFIXES, fa } from './lexicons/fa';
import type { Lexicon } from './lexicons/types';
import { ARABIC_LETTER, lex, normalizeText, type Token, words } from './normalize';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

const POSITIVE_AT = 0.15;
const NEGATIVE_AT = -0.15;
const NEGATION = -0.74;
const ALPHA = 15;

type Lang = 'en' | 'fa' | 'ar';
type Entry = {
  /** Valence as written and when negated. */
  v?: [number, number];
  boost?: number;
  /** Negates sentiment in the next `neg` words. */
  neg?: number;
  /** Persian negated verb: negates sentiment in the three words before it. */
  post?: boolean;
  contrast?: boolean;
  concede?: boolean;
  /** Clause boundary for the backward scope of a Persian negated verb. */
  copula?: boolean;
  /** "and", "or", "و": a negator reaches past a sentiment word only through these ("no bugs or crashes"). */
  conj?: boolean;
  /** "bug", "مشکل": neutral in a clause with a `fix` word ("the bug was fixed"). */
  problem?: boolean;
  fix?: boolean;
  /** A verb whose ن- form is its negation ("رسید" → "نرسید"). */
  verb?: boolean;
  /** "buy", "خرید": scored only in a clause about coming back ("again", "دیگه", "never"), not about problems. */
  repeat?: boolean;
  again?: boolean;
};

/** Persian first: Arabic words are added only where Persian has no entry for the same written form. */
const LEXICONS: Lexicon[] = [en, fa, ar];

function build(): { dict: Map<string, Entry>; arOnly: Map<string, Entry> } {
  const dict = new Map<string, Entry>();
  const arOnly = new Map<string, Entry>();
  const add = (list: string | undefined, e: Entry, into = dict, onlyIfNew = false) => {
    for (const w of words(list ?? '')) if (!onlyIfNew || !into.has(w)) into.set(w, { ...into.get(w), ...e });
  };
  const valences = (table: Record<string, string>, onlyIfNew = false) => {
    for (const [v, list] of Object.entries(table)) add(list, { v: [Number(v), Number(v) * NEGATION] }, dict, onlyIfNew);
  };
  for (const l of LEXICONS) valences(l.valence, l === ar);
  valences(EMOJI);
  for (const l of LEXICONS) {
    for (const [w, b, v] of l.dual ?? []) add(w, { boost: b, v: [v, v * NEGATION] });
    add(l.negatable, { v: [0, -1.5], verb: true });
    add(l.verbs, { verb: true });
    add(l.repeat, { repeat: true });
    add(l.again, { again: true });
    add(l.sticky, { v: [-1, -1.5] });
    add(l.oneWay, { v: [-1, 0] });
    add(l.zero, { v: [0, 0] });
    add(l.problem, { problem: true });
    add(l.fix, { fix: true });
    for (const [list, v, neg] of l.pairs ?? []) add(list, { v: [v, neg] });
  }
  for (const l of LEXICONS) {
    add(l.negators, { neg: 3 });
    add(l.twoWayNegators, { neg: 3, post: true });
    add(l.shortNegators, { neg: 1 });
  }
  add('نمی', { neg: 1, post: true });
  for (const l of LEXICONS) {
    for (const [b, list] of Object.entries(l.boosters)) add(list, { boost: Number(b) });
    add(l.contrast, { contrast: true });
    add(l.concede, { concede: true });
    add(l.copula, { copula: true });
    add(l.conj, { conj: true });
  }
  const only = ar.localeOnly ?? {};
  add(only.negators, { neg: 3 }, arOnly);
  add(only.contrast, { contrast: true }, arOnly);
  for (const [list, v, neg] of only.pairs ?? []) add(list, { v: [v, neg] }, arOnly);
  return { dict, arOnly };
}

const { dict: DICT, arOnly: AR_ONLY } = build();
/** First words of the phrases, so only those tokens are tried as the start of a phrase. */
const PHRASE_HEADS = new Set(
  [...DICT.keys(), ...AR_ONLY.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]),
);

/** Meaning of a single word: exact entry, else stems and affixes (Persian suffixes, بی/نا/غیر, ن-verbs, "-ing"). */
function lookupWord(w: string, get: (k: string) => Entry | undefined): Entry | undefined {
  const exact = get(w);
  if (exact) return exact;
  const withV = (k: string) => {
    const e = k.length >= 2 ? get(k) : undefined;
    return e?.v ? e : undefined;
  };
  if (!ARABIC_LETTER.test(w)) {
    if (w.endsWith("n't")) return { neg: 3 };
    // "sooo" → "soo" (normalizeText) → "so"; then inflections: "crashes", "hated", "loving", "slower".
    const single = w.replace(/(\p{L})\1+/gu, '$1');
    if (single !== w && get(single)) return get(single);
    const cands = [w.replace(/ing$/, 'e')];
    for (const s of ['s', 'es', 'd', 'ed', 'ly', 'r', 'er', 'st', 'est', 'ing'])
      if (w.endsWith(s)) cands.push(w.slice(0, -s.length));
    return cands
      .filter((c) => c !== w)
      .map(withV)
      .find(Boolean);
  }
  // Up to two suffixes: "ارزونتره" → "ارزون", "راضیم" → "راضی".
  const strip = (x: string) => FA_SUFFIXES.filter((s) => x.endsWith(s)).map((s) => x.slice(0, -s.length));
  const stems = (x: string) => [x, ...strip(x), ...strip(x).flatMap(strip)];
  for (const s of stems(w).slice(1)) if (withV(s)) return withV(s);
  if (FA_NEG_VERB.test(w)) {
    // "نرسید" (did not arrive) is itself negative and also negates what precedes it.
    const verb = stems(w.slice(1))
      .map(get)
      .find((e) => e?.verb && e.v);
    return verb?.v ? { v: [verb.v[1], verb.v[0]], post: true } : { post: true };
  }
  for (const p of ['بی', 'نا', 'غیر', 'ن']) {
    if (!w.startsWith(p)) continue;
    const e = stems(w.slice(p.length)).map(withV).find(Boolean);
    if (e?.v && (p !== 'ن' || e.verb)) return { v: [e.v[1], e.v[0]] };
  }
  for (const p of ['می', 'ال', 'و']) {
    if (!w.startsWith(p)) continue;
    const e = stems(w.slice(p.length)).map(withV).find(Boolean);
    if (e) return e;
  }
  return undefined;
}

type Unit = Entry & { text: string; punct?: boolean; bang?: boolean; arabic?: boolean };

/** Every unit gets the same fields in the same order (one object shape keeps the scoring loop fast). */
const unit = (text: string, e: Entry | undefined, punct = false): Unit => ({
  text,
  punct,
  bang: text === '!',
  arabic: ARABIC_LETTER.test(text),
  v: e?.v,
  boost: e?.boost,
  neg: e?.neg,
  post: e?.post,
  contrast: e?.contrast,
  concede: e?.concede,
  copula: e?.copula,
  conj: e?.conj,
  problem: e?.problem,
  fix: e?.fix,
  verb: e?.verb,
  repeat: e?.repeat,
  again: e?.again,
});

function resolveLanguage(norm: string, locale?: string): Lang {
  const l = locale?.toLowerCase().slice(0, 2);
  if (l === 'en' || l === 'fa' || l === 'ar') return l;
  let balance = 0; // Arabic-script letters minus Latin letters
  for (const ch of norm) {
    if (ARABIC_LETTER.test(ch)) balance++;
    else if (ch >= 'a' && ch <= 'z') balance--;
  }
  return balance > 0 ? 'fa' : 'en';
}

// Word meanings are pure functions of (language, word): cache them, bounded.
const memo = new Map<string, Entry | undefined>();
function meaning(w: string, lang: Lang, get: (k: string) => Entry | undefined): Entry | undefined {
  const key = `${lang} ${w}`;
  if (memo.has(key)) return memo.get(key);
  if (memo.size >= 20_000) memo.clear();
  const e = lookupWord(w, get);
  memo.set(key, e);
  return e;
}

/** Groups tokens into units: phrases of up to 3 words, single words with their meaning, punctuation. */
function units(tokens: Token[], lang: Lang): Unit[] {
  const get = (k: string) => (lang === 'ar' ? (AR_ONLY.get(k) ?? DICT.get(k)) : DICT.get(k));
  const out: Unit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      out.push(unit(t.text, undefined, true));
      i++;
      continue;
    }
    let n = PHRASE_HEADS.has(t.text) ? 3 : 1;
    for (; n >= 2; n--) {
      const span = tokens.slice(i, i + n);
      if (span.length < n || span.some((s) => s.kind === 'punct')) continue;
      const text = span.map((s) => s.text).join(' ');
      const e = get(text);
      if (e) {
        out.push(unit(text, e));
        break;
      }
    }
    if (n >= 2) {
      i += n;
      continue;
    }
    let e = t.kind === 'word' ? meaning(t.text, lang, get) : get(t.text);
    if (t.text === 'کند' && FA_KONAD_VERB.has(tokens[i - 1]?.text ?? '')) e = undefined;
    out.push(unit(t.text, e));
    i++;
  }
  // An intensifier that is also a sentiment word ("super", "فوق العاده") intensifies when a sentiment word follows.
  out.forEach((u, i) => {
    if (u.boost && u.v) {
      if (out[i + 1]?.v) u.v = undefined;
      else u.boost = undefined;
    }
  });
  return out;
}

const isBoundary = (u: Unit) => u.punct || u.contrast || u.concede;

export function analyzeSentiment(text: string, locale?: string): { label: SentimentLabel; score: number } {
  const norm = normalizeText(text);
  const us = units(lex(norm), resolveLanguage(norm, locale));
  const lastContrast = us.findLastIndex((u) => u.contrast);

  // Per clause (between punctuation and "but"): does it report a fix, a problem, a return ("again")?
  const fixed = new Set<number>();
  const problem = new Set<number>();
  const again = new Set<number>();
  let clause = 0;
  const clauseOf = us.map((u) => {
    if (u.punct || u.contrast) clause++;
    if (u.fix) fixed.add(clause);
    if (u.problem) problem.add(clause);
    if (u.again) again.add(clause);
    return clause;
  });
  const valence = (u: Unit, c: number): [number, number] | undefined => {
    if (u.problem && fixed.has(c)) return undefined;
    if (u.repeat && again.has(c) && !problem.has(c)) return [1.5, -2];
    return u.v;
  };

  let sum = 0;
  let conceding = false;
  us.forEach((u, i) => {
    if (u.concede) conceding = true;
    if (u.punct) conceding = false;
    const v = valence(u, clauseOf[i]!);
    if (!v) return;
    let boost = 1;
    let negated = false;
    for (let d = 1; d <= 3; d++) {
      const p = us[i - d];
      if (!p || isBoundary(p)) break;
      if (d <= 2 && p.boost) boost *= p.boost;
      if (p.neg && p.neg >= d) negated = true;
      // "بدون مشکل رسید": the negator is used up by "مشکل" and does not reach "رسید".
      if (p.v && !us[i - d + 1]?.conj) break;
    }
    if (u.arabic) {
      for (let d = 1; d <= 3; d++) {
        const q = us[i + d];
        if (!q || isBoundary(q) || q.copula) break;
        if (q.post) negated = true;
        // "خوب کار نمی‌کند" reaches "خوب" through the verb; another sentiment word stops the scope.
        if (q.v && !q.verb && !us[i + d - 1]?.conj) break;
      }
    }
    let value = (negated ? v[1] : v[0]) * Math.min(boost, 2.5);
    if (lastContrast >= 0) value *= i < lastContrast ? 0.5 : 1.5;
    if (conceding) value *= 0.5;
    sum += value;
  });

  const bangs = Math.min(3, us.filter((u) => u.bang).length);
  sum += Math.sign(sum) * 0.3 * bangs;
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000 || 0;
  const label: SentimentLabel = score >= POSITIVE_AT ? 'positive' : score <= NEGATIVE_AT ? 'negative' : 'neutral';
  return { label, score };
}
