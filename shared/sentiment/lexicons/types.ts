/**
 * What a language contributes to the sentiment engine: word lists only, no scoring logic. Words are separated
 * by spaces and "_" joins the words of a phrase; the engine brings every entry to the normal form of
 * `normalize.ts` when it loads, so lists may be written with either keyboard's letters.
 */
export type Lexicon = {
  /** Valence (about ±0.3…±3) → the words that carry it as written; negated they count ×−0.74. */
  valence: Record<string, string>;
  /** Neutral as written, negative when negated: "it works" / "it doesn't work", "I could not find". */
  negatable?: string;
  /** Stay negative under negation ("no refund" is not good news). */
  sticky?: string;
  /** Negative as written, nothing when negated ("فرق داشت" / "فرقی نمی‌کند"). */
  oneWay?: string;
  /** Words that look like sentiment words but are not ("goods", "kindly"). */
  zero?: string;
  /** Negate sentiment in the next three words. */
  negators: string;
  /** Negate the three words before and after ("نتونستم پیدا کنم", "پیدا نتونستم"). */
  twoWayNegators?: string;
  /** Verbs whose ن- form is their negation ("رسید" → "نرسید"), beyond those in `negatable`. */
  verbs?: string;
  /** Negate only the next word ("بی", "غیر"). */
  shortNegators?: string;
  /** Intensity factor → intensifiers ("very" 1.5, "slightly" 0.7). */
  boosters: Record<string, string>;
  /** Intensifier before a sentiment word, a sentiment word alone: [word, boost, valence]. */
  dual?: [string, number, number][];
  /** "but": the clause after weighs more. */
  contrast: string;
  /** "although": the concessive clause weighs less. */
  concede: string;
  /** Copulas that end the backward scope of a Persian negated verb. */
  copula?: string;
  /** "and", "or": a negator reaches past a sentiment word only through these. */
  conj?: string;
  /** Problem words, neutral in a clause that says they were fixed. */
  problem?: string;
  /** Fix words ("fixed", "حل"). */
  fix?: string;
  /** "buy", "order": scored only in a clause about coming back. */
  repeat?: string;
  /** "again", "never": what makes a clause about coming back. */
  again?: string;
  /** Entries with both valences stated: [words, as written, when negated]. */
  pairs?: [string, number, number][];
  /** Entries that only hold when the answer's locale is this language (they mean something else elsewhere). */
  localeOnly?: { negators?: string; contrast?: string; pairs?: [string, number, number][] };
  /** Words too common to say what an answer is about (for recurring terms and topic suggestions). */
  stopwords: string;
};
