/**
 * Days, periods and ranges, shared by the Worker and the dashboard. A day is `YYYY-MM-DD` (a
 * Gregorian ISO date) naming a *local* day in the site's IANA time zone; periods (weeks, months,
 * quarters, years) are runs of local days in the site's calendar, each named by its first day.
 * Everything calendar-specific comes from Intl (`persian` is built into every ICU, workerd's and
 * browsers' alike), so no calendar table is shipped.
 */

export type Calendar = 'gregorian' | 'persian';
export const CALENDARS = ['gregorian', 'persian'] as const;
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The UTC day of an instant. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

// ---- time zones ----

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    if (zoneFormats.size > 500) zoneFormats.clear();
    zoneFormats.set(zone, f);
  }
  return f;
}

/** Whether Intl knows `name` as an IANA time zone (what `PATCH /v1/site` accepts). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock fields of an instant in a zone. */
function wall(ms: number, zone: string): { y: number; m: number; d: number; h: number; min: number } {
  const p: Record<string, number> = {};
  for (const part of zoneFormat(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour! % 24, min: p.minute! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local day (in `zone`) an instant falls on. */
export function localDay(ms: number, zone = 'UTC'): string {
  if (zone === 'UTC') return dayOf(ms);
  const w = wall(ms, zone);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
}

/** The zone's offset from UTC at an instant, in minutes (Tehran: 210). */
export function zoneOffset(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const w = wall(ms, zone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The zone's offsets over [fromMs, toMs): `[[startMs, offsetMinutes], …]`, the first starting at
 * fromMs. Offsets are sampled every 6 hours and each change is located to the minute by bisection,
 * so a scan can turn `created_at` into a local day in SQL with a handful of bound values.
 */
export function zoneOffsets(zone: string, fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [[fromMs, zoneOffset(fromMs, zone)]];
  if (zone === 'UTC') return out;
  const STEP = 6 * 3_600_000;
  for (let t = fromMs; t < toMs; t += STEP) {
    const next = Math.min(t + STEP, toMs);
    const before = out[out.length - 1]![1];
    if (zoneOffset(next, zone) === before) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zoneOffset(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    out.push([hi, zoneOffset(hi, zone)]);
  }
  return out;
}

/** The first instant of a local day in a zone (the UTC ms of its local midnight, or of the first minute it has). */
export function dayStartMs(day: string, zone = 'UTC'): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (zone === 'UTC') return utcMidnight;
  // Two rounds settle DST: the offset at the guess may differ from the offset at the answer.
  let t = utcMidnight - zoneOffset(utcMidnight, zone) * 60_000;
  t = utcMidnight - zoneOffset(t, zone) * 60_000;
  // A day that starts inside a skipped hour (midnight DST) begins at the first minute that exists.
  while (localDay(t, zone) < day) t += 15 * 60_000;
  while (localDay(t - 60_000, zone) === day) t -= 15 * 60_000;
  return t;
}

// ---- calendars ----

const persianFormat = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** A day's year, month and day of month in a calendar (Persian: 1404-01-01 for 2025-03-21). */
export function calendarParts(day: string, calendar: Calendar): { y: number; m: number; d: number } {
  if (calendar === 'gregorian')
    return { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) };
  const p: Record<string, number> = {};
  for (const part of persianFormat.formatToParts(new Date(`${day}T00:00:00Z`))) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day') p[part.type] = Number(part.value);
  }
  return { y: p.year!, m: p.month!, d: p.day! };
}

/** The first day of the month a day falls in. */
function monthStart(day: string, calendar: Calendar): string {
  return addDays(day, -(calendarParts(day, calendar).d - 1));
}

/** Weeks start on Monday (ISO) in the Gregorian calendar, on Saturday in the Persian one. */
export const weekStartsOn = (calendar: Calendar): number => (calendar === 'persian' ? 6 : 1);

/**
 * The first day of the period a day falls in: itself, its week's first day, or its month's,
 * quarter's or year's first day, in the calendar given (Persian months are Jalali months).
 */
export function periodStart(day: string, interval: PeriodKind, calendar: Calendar = 'gregorian'): string {
  if (interval === 'day') return day;
  if (interval === 'week') {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    return addDays(day, -((dow - weekStartsOn(calendar) + 7) % 7));
  }
  let start = monthStart(day, calendar);
  if (interval === 'month') return start;
  const keep = (m: number) => (interval === 'quarter' ? (m - 1) % 3 === 0 : m === 1);
  // At most 11 steps back, one month at a time.
  for (let guard = 0; guard < 12 && !keep(calendarParts(start, calendar).m); guard++) {
    start = monthStart(addDays(start, -1), calendar);
  }
  return start;
}

/** The first day of the period after the one starting at `start`. */
export function nextPeriod(start: string, interval: PeriodKind, calendar: Calendar = 'gregorian'): string {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const months = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  let p = start;
  // Each month has at most 31 days: jump past its end, then back to that month's first day.
  for (let i = 0; i < months; i++) p = monthStart(addDays(monthStart(p, calendar), 31), calendar);
  return p;
}

/** The whole period kind [from, to] is exactly (week, month, quarter or year), if any; largest first. */
export function wholePeriod(from: string, to: string, calendar: Calendar): PeriodKind | null {
  for (const kind of ['year', 'quarter', 'month', 'week'] as const) {
    if (periodStart(from, kind, calendar) === from && addDays(nextPeriod(from, kind, calendar), -1) === to) return kind;
  }
  return null;
}

export type RangeOptions = {
  calendar?: Calendar;
  /** `week|month|quarter|year`: the last whole period before today's (so today is excluded). */
  period?: Exclude<PeriodKind, 'day'>;
};

/**
 * An inclusive range with defaults (the last 30 days up to today) and the period it is compared
 * with. A range that is a whole week, month, quarter or year of the calendar is compared with the
 * whole period before it (March with February, Farvardin with Esfand, whatever their lengths);
 * any other range with the days just before it, of equal length.
 */
export function resolveRange(from?: string, to?: string, today = dayOf(Date.now()), opts: RangeOptions = {}) {
  const calendar = opts.calendar ?? 'gregorian';
  let start: string;
  let end: string;
  if (opts.period && !from && !to) {
    start = periodStart(addDays(periodStart(today, opts.period, calendar), -1), opts.period, calendar);
    end = addDays(nextPeriod(start, opts.period, calendar), -1);
  } else {
    end = to ?? (from && from > today ? from : today);
    start = from ?? addDays(end, -29);
  }
  const whole = wholePeriod(start, end, calendar);
  if (whole) {
    const prevStart = periodStart(addDays(start, -1), whole, calendar);
    return { from: start, to: end, previous: { from: prevStart, to: addDays(start, -1) }, whole };
  }
  const len = daysBetween(start, end) + 1;
  return {
    from: start,
    to: end,
    previous: { from: addDays(start, -len), to: addDays(start, -1) },
    whole: null as PeriodKind | null,
  };
}

/** A site's time settings, as the Worker's readers need them. */
export type SiteTime = { timeZone: string; calendar: Calendar };
export const UTC_GREGORIAN: SiteTime = { timeZone: 'UTC', calendar: 'gregorian' };
