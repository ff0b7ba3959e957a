/**
 * How long an SMS is, as a gateway bills it. A text made only of GSM 03.38 characters travels in
 * GSM-7: 160 characters in one message, 153 per part once it is split (each part carries a header);
 * the extension characters (`{ } [ ] ~ \ | ^ €` and form feed) take two. Anything else (Persian,
 * Arabic, emoji, curly quotes) turns the whole text into UCS-2: 70 UTF-16 units in one message, 67
 * per part. A character is never cut between two parts, so a part may hold one unit fewer.
 * Pure: the dashboard shows it live as the user types, and tests pin it.
 */

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export type SmsLength = {
  encoding: SmsEncoding;
  /** Characters as the user sees them (code points). */
  characters: number;
  /** What the gateway counts: septets in GSM-7 (extended ones count 2), UTF-16 units in UCS-2. */
  units: number;
  /** Messages billed (0 for an empty text). */
  segments: number;
  /** Units one message holds at this length: 160/70 while it fits in one, else 153/67 per part. */
  perSegment: number;
  /** Units left before the next segment starts. */
  remaining: number;
};

export const isGsm7 = (text: string): boolean => {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)) return false;
  return true;
};

export function smsLength(text: string): SmsLength {
  const gsm = isGsm7(text);
  const widths = [...text].map((ch) => (gsm ? (GSM_EXTENDED.has(ch) ? 2 : 1) : ch.length));
  const units = widths.reduce((a, b) => a + b, 0);
  const single = gsm ? 160 : 70;
  const part = gsm ? 153 : 67;
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units <= single) {
    return {
      encoding,
      characters: widths.length,
      units,
      segments: units ? 1 : 0,
      perSegment: single,
      remaining: single - units,
    };
  }
  // Fill parts in order; a two-unit character that does not fit starts the next part.
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > part) {
      segments++;
      used = 0;
    }
    used += w;
  }
  return { encoding, characters: widths.length, units, segments, perSegment: part, remaining: part - used };
}
