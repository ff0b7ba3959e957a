import {
  addDays,
  type Calendar,
  calendarParts,
  dayOf,
  daysBetween,
  nextPeriod,
  periodStart,
  resolveRange,
} from '../../shared/dates';
import type { I18n } from './i18n';
import type { Filters } from './route';
import type { Interval } from './types';

export { nextPeriod };

/**
 * A rolling preset ("Last 7 days") as whole local days of the site. Today is not over, so it is
 * left out unless asked for: "last 7 days" are the 7 whole days up to yesterday, and the API compares
 * them with the 7 days before (shared/dates.ts `resolveRange`). Asked for, today is the last day.
 */
export function rollingRange(days: number, today: string, includeToday = false): { from: string; to: string } {
  const to = includeToday ? today : addDays(today, -1);
  return { from: addDays(to, -(days - 1)), to };
}

/** The grouping a range gets when none is chosen: days up to two weeks, weeks up to ~4 months, then months. */
export function defaultInterval(from: string, to: string): Interval {
  const len = daysBetween(from, to) + 1;
  return len <= 14 ? 'day' : len <= 120 ? 'week' : 'month';
}

/**
 * Concrete inclusive days for the filters (local days of the site; `today` is the site's), and the
 * grouping interval to use. A rolling preset is whole days up to yesterday unless `today` is asked
 * for (the API compares it with as many days just before). "Last month" is the last whole month of
 * the site's calendar, so the API compares it with the whole month before it.
 */
export function resolveDates(
  f: Filters,
  today = dayOf(Date.now()),
  calendar: Calendar = 'gregorian',
): { from: string; to: string; interval: Interval } {
  let from: string;
  let to: string;
  if (f.range === 'custom' && f.from && f.to) {
    [from, to] = f.from <= f.to ? [f.from, f.to] : [f.to, f.from];
  } else if (f.range === 'month' || f.range === 'quarter') {
    ({ from, to } = resolveRange(undefined, undefined, today, { calendar, period: f.range }));
    return { from, to, interval: f.interval ?? (f.range === 'month' ? 'week' : 'month') };
  } else {
    ({ from, to } = rollingRange(f.range === 'custom' ? 30 : Number(f.range), today, !!f.today));
  }
  return { from, to, interval: f.interval ?? defaultInterval(from, to) };
}

/** Coarser groupings the trend chart may fall back to by itself (those the interval picker offers). */
const COARSER: Partial<Record<Interval, Interval>> = { day: 'week', week: 'month' };

type TrendRow = { [k in 'nps' | 'csat' | 'ces']?: { enough: boolean } | null };

/**
 * The grouping to fall back to when the chosen one leaves a chart empty: when some metric has
 * answers in the range but not one of its periods has the answers a score needs (MIN_ANSWERS) (every
 * day "too few"), the next coarser grouping (day → week → month), as long as that makes bigger
 * buckets, i.e. the range spans more than one period of the current grouping. null: keep it.
 */
export function coarserGrouping(
  trend: readonly TrendRow[],
  metrics: readonly ('nps' | 'csat' | 'ces')[],
  interval: Interval,
): Interval | null {
  const next = COARSER[interval];
  if (!next || trend.length < 2) return null;
  const empty = metrics.some((k) => trend.some((p) => p[k]) && !trend.some((p) => p[k]?.enough));
  return empty ? next : null;
}

/** Every period start from `from` to `to` (so periods without answers show as gaps, not as nothing). */
export function periodsBetween(
  from: string,
  to: string,
  interval: Interval,
  calendar: Calendar = 'gregorian',
): string[] {
  const out: string[] = [];
  let p = periodStart(from, interval, calendar);
  for (let guard = 0; p <= to && guard < 2000; guard++) {
    out.push(p);
    p = nextPeriod(p, interval, calendar);
  }
  return out;
}

/** The last day of a period, clipped to the range end. */
export function periodEnd(p: string, interval: Interval, rangeTo: string, calendar: Calendar = 'gregorian'): string {
  const end = addDays(nextPeriod(p, interval, calendar), -1);
  return end < rangeTo ? end : rangeTo;
}

/** A short label for an axis: months, quarters and years by name in the site's calendar. */
export function periodLabel(i18n: I18n, p: string, interval: Interval, calendar: Calendar = 'gregorian'): string {
  if (interval === 'day' || interval === 'week') return i18n.shortDay(p);
  if (interval === 'year') return i18n.year(p, calendar);
  return i18n.month(p, calendar);
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A range of days written compactly, as the language writes one: "Nov 28 – Dec 4", "Dec 1 – 7",
 * «۷ تا ۱۳ آذر». Persian text is always in the Jalali calendar (as every date of the Persian
 * dashboard); other languages use the site's calendar, so a Persian-calendar site reads
 * "Azar 7 – 13" in English. The year is written only when the range leaves the year `today` is in.
 */
export function rangeLabel(
  locale: string,
  from: string,
  to: string,
  calendar: Calendar = 'gregorian',
  today?: string,
): string {
  const cal: Calendar = locale === 'fa' || calendar === 'persian' ? 'persian' : 'gregorian';
  const year = calendarParts(from, cal).y;
  const withYear = !today || year !== calendarParts(to, cal).y || year !== calendarParts(today, cal).y ? 'y' : '';
  // Arabic digits pinned to Latin, as everywhere in the Arabic dashboard (an older browser's CLDR
  // would give Arabic-Indic digits beside the Latin ones of the numbers).
  const ext = [cal === 'persian' ? 'ca-persian' : '', locale === 'ar' ? 'nu-latn' : ''].filter(Boolean).join('-');
  const tag = `${locale === 'fa' ? 'fa-IR' : locale}${ext ? `-u-${ext}` : ''}`;
  const key = `${tag}|${withYear}`;
  let f = rangeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
    });
    rangeFormats.set(key, f);
  }
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  return from === to ? f.format(d(from)) : f.formatRange(d(from), d(to));
}
