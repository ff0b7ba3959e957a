/** Choosing the hosted page's language: the invitation's, else `?lang=`, else the browser's. */

const RTL = /^(ar|fa|he|ur|ps|ckb|sd|ug|yi|dv)\b/;
export const isRtl = (locale: string) => RTL.test(locale);

/** Language tags of an Accept-Language header, most wanted first (at most 10). */
export function acceptLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 10)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

/**
 * The first wanted language that `available` has, by exact tag (any case, `_` or `-`) or by base
 * language (`fa-IR` → `fa`); null when none.
 */
export function pickLocale(
  available: readonly string[],
  wanted: readonly (string | null | undefined)[],
): string | null {
  for (const w of wanted) {
    if (!w) continue;
    const x = w.toLowerCase().replace('_', '-');
    const hit = available.find((a) => a.toLowerCase() === x) ?? available.find((a) => a === x.split('-')[0]);
    if (hit) return hit;
  }
  return null;
}
