/**
 * Numbers and inserted values in text that may run right to left: the one way the dashboard
 * (dashboard/src/i18n) and the pages the Worker writes itself (worker/share/page.ts) put them in
 * Persian or Arabic sentences, as plain Unicode (no markup), so copied text keeps its order too.
 */

/** First-strong isolate … pop: an inserted value keeps its own direction. */
export const FSI = '\u2068';
/** Left-to-right isolate … pop: a signed number reads "−12" in right-to-left text too. */
export const LRI = '\u2066';
export const PDI = '\u2069';

/** Right-to-left isolate: text composed in the right-to-left UI language itself. */
export const RLI = '\u2067';

/**
 * A value inserted into right-to-left text, isolated so a Latin name or a number is not reordered with
 * it. FSI takes the direction of the value's first strong letter, skipping nested isolates; a value
 * composed of already-isolated values ("{from} – {to}", a list of filters) has none outside them and
 * would be laid out left to right, its parts in reverse order. Such a value is text of the UI's own
 * language, so it gets the UI's direction (RLI).
 */
export const isolate = (s: string, rtl: boolean) => (rtl ? `${s.includes(FSI) ? RLI : FSI}${s}${PDI}` : s);

/**
 * A signed number as CLDR writes it ("−5", "+12"), read left to right in right-to-left text: its
 * direction marks (CLDR's LRM/ALM before the sign) replaced by one LTR isolate around the whole.
 */
export const ltrNumber = (s: string, rtl: boolean) =>
  rtl && /[-+\u2212]/.test(s) ? `${LRI}${s.replace(/[\u200e\u200f\u061c]/g, '')}${PDI}` : s;

/**
 * Between items on one line. The middle dot "·" reads as the Persian zero "۰" (and the Arabic-Indic
 * "٠") beside those digits, so right-to-left text uses the Arabic comma.
 */
export const itemSeparator = (rtl: boolean) => (rtl ? '، ' : ' · ');

/**
 * Number formatting for one language: `locale` is the Intl locale (Persian digits for `fa`), `rtl`
 * whether the text around runs right to left. Signs are CLDR's (U+2212 minus in Persian), never
 * "-0": a value that rounds to zero is "0".
 */
export function numberFormatters(locale: string, rtl: boolean) {
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (opts: Intl.NumberFormatOptions) => {
    const k = JSON.stringify(opts);
    let f = cache.get(k);
    if (!f) {
      f = new Intl.NumberFormat(locale, opts);
      cache.set(k, f);
    }
    return f;
  };
  const ltr = (s: string) => ltrNumber(s, rtl);
  return {
    nf,
    /** Whole number with grouping: 1,234 / ۱٬۲۳۴ (no sign is shown for a count). */
    int: (n: number) => nf({ maximumFractionDigits: 0, signDisplay: 'negative' }).format(n),
    /** A number with up to `digits` decimals; a negative one LTR-isolated. */
    num: (n: number, digits = 1) =>
      ltr(nf({ maximumFractionDigits: digits, minimumFractionDigits: 0, signDisplay: 'negative' }).format(n)),
    /** Fixed decimals (for means such as CES 5.40). */
    fixed: (n: number, digits: number) =>
      ltr(nf({ maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'negative' }).format(n)),
    /** With a sign, except for zero: +42 / −3. */
    signed: (n: number, digits = 0) =>
      ltr(nf({ maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'exceptZero' }).format(n)),
    /** A percentage given as 0–100. */
    pct: (n: number, digits = 0) => ltr(nf({ style: 'percent', maximumFractionDigits: digits }).format(n / 100)),
  };
}
