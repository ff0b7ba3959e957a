import { addDays, periodStart } from '../../shared/dates';
import type { I18n } from './i18n';
import type { Interval } from './types';

/** Every period start from `from` to `to` (so periods without answers show as gaps, not as nothing). */
export function periodsBetween(from: string, to: string, interval: Interval): string[] {
  const out: string[] = [];
  let p = periodStart(from, interval);
  for (let guard = 0; p <= to && guard < 2000; guard++) {
    out.push(p);
    p = nextPeriod(p, interval);
  }
  return out;
}

export function nextPeriod(p: string, interval: Interval): string {
  if (interval === 'day') return addDays(p, 1);
  if (interval === 'week') return addDays(p, 7);
  const y = Number(p.slice(0, 4));
  const m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The last day of a period, clipped to the range end. */
export function periodEnd(p: string, interval: Interval, rangeTo: string): string {
  const end = addDays(nextPeriod(p, interval), -1);
  return end < rangeTo ? end : rangeTo;
}

/** A short label for an axis. */
export function periodLabel(i18n: I18n, p: string, interval: Interval): string {
  return interval === 'month' ? i18n.month(p) : i18n.shortDay(p);
}
