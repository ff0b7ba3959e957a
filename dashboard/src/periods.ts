import { addDays, type Calendar, nextPeriod, periodStart } from '../../shared/dates';
import type { I18n } from './i18n';
import type { Interval } from './types';

export { nextPeriod };

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
