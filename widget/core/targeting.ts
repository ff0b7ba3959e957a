import type { PublicSiteSettings, PublicTargeting } from '../../shared/schemas/survey';
import type { Rules } from './rules';

export const DAY = 86_400_000;
/** A visit ends after this long without a page view (the usual analytics definition). */
export const VISIT_GAP = 30 * 60_000;
/** Days a seen (dismissed or partly answered) survey stays away when it sets no `recontactDays`. */
export const DEFAULT_RECONTACT_DAYS = 30;

/** What one visitor's browser remembers, in localStorage under `seda:f`. No cookies. */
export interface Freq {
  /** survey id → when it was last shown */
  s: Record<string, number>;
  /**
   * survey id → when it was completed: never asked again, or after its `repeatEveryDays` (an older
   * browser stored 1: completed long ago)
   */
  c: Record<string, number>;
  /** survey id → this visitor's sampling roll in [0, 100) */
  r: Record<string, number>;
  /** when any survey was last shown (site-wide recontact gap) */
  l?: number;
  /** last page view, and whether a survey was shown in the visit it belongs to */
  v?: number;
  vs?: 1;
}

export const emptyFreq = (): Freq => ({ s: {}, c: {}, r: {} });

/** Starts a new visit when the last page view is older than VISIT_GAP. Mutates and returns `f`. */
export function touchVisit(f: Freq, now: number): Freq {
  if (!(now - f.v! <= VISIT_GAP)) f.vs = undefined;
  f.v = now;
  return f;
}

export function markShown(f: Freq, surveyId: string, now: number): void {
  f.s[surveyId] = now;
  f.l = now;
  f.vs = 1;
}

export interface Page {
  path: string;
  touchpoint?: string;
  now: number;
  /** the attributes given to `identify` (unchecked) */
  attrs?: unknown;
  /**
   * The URL and attribute matchers (core/rules.ts), loaded only when some survey has such rules: a
   * survey with URL or attribute rules is not eligible without them.
   */
  rules?: Rules;
}

/**
 * Whether a survey may be armed on this page for this visitor: targeting (touchpoint, URL, attribute
 * rules, sample) and frequency (completed unless the survey repeats, per-survey and site-wide
 * recontact, one per visit). The trigger is separate.
 * May store a sampling roll in `f` (the roll is per visitor, so sampling is not re-drawn on each view).
 */
export function eligible(
  s: PublicTargeting,
  f: Freq,
  settings: Pick<PublicSiteSettings, 'recontactDays'> | undefined,
  page: Page,
  random: () => number = Math.random,
): boolean {
  const t = s.targeting ?? {};
  const now = page.now;
  const r = page.rules;
  // A time never stored is undefined: `now - undefined` is NaN, less than nothing, so it never holds back
  // (a time in the future, from a clock set back, holds back until it is reached).
  return !(
    // completed: never again, or after `repeatEveryDays`
    now - f.c[s.id]! < (t.repeatEveryDays || 1e9) * DAY ||
    f.vs ||
    // the site's gap since any survey was shown (0: none)
    now - f.l! < (settings?.recontactDays ?? 0) * DAY ||
    // this survey shown (dismissed or partly answered) lately
    now - f.s[s.id]! < (t.recontactDays ?? DEFAULT_RECONTACT_DAYS) * DAY ||
    (t.touchpoints?.length && !t.touchpoints.includes(page.touchpoint!)) ||
    ((t.urls || t.attributes) &&
      (!r ||
        (t.urls?.include?.length && !r.path(page.path, t.urls.include)) ||
        (t.urls?.exclude?.length && r.path(page.path, t.urls.exclude)) ||
        !r.attrs(t.attributes, page.attrs))) ||
    // sampled out: one roll per visitor and survey, kept (no samplePercent: undefined < 100 is false)
    // biome-ignore lint/suspicious/noAssignInExpressions: the roll is stored on first use; every byte of the loader counts
    (t.samplePercent! < 100 && (f.r[s.id] ??= random() * 100) >= t.samplePercent!)
  );
}
