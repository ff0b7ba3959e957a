/**
 * When a digest is due, in the site's chosen time zone: pure functions of the clock, so the cron
 * handler and the settings screen agree, and tests can pin any moment.
 *
 * A digest covers the last whole week (Monday to Sunday) before the local day it is sent on, and
 * compares it with the week before (the results API's own previous period for that range).
 */
import { addDays, periodStart } from '../../shared/dates';
import { WEEKDAYS, type Weekday } from '../../shared/schemas/api';

export type WeeklySchedule = { weekday: Weekday; hour: number; timeZone: string };

type LocalTime = { date: string; weekday: Weekday; hour: number };

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date, weekday and hour at `ms` in `timeZone`. */
export function localTime(ms: number, timeZone: string): LocalTime & { minute: number } {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return {
    date,
    weekday: WEEKDAYS[(dow + 6) % 7]!,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/** The last whole Monday–Sunday week before a day, and the week before it. */
export function weekBefore(day: string): { from: string; to: string } {
  const monday = periodStart(day, 'week');
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/**
 * The week whose digest is due at `now`, or null: due from the chosen hour of the chosen weekday
 * until that local day ends (a cron run missed at the hour still sends it later that day; a day
 * without any run skips the week rather than sending a stale digest days late).
 */
export function duePeriod(now: number, s: WeeklySchedule): { from: string; to: string } | null {
  const t = localTime(now, s.timeZone);
  if (t.weekday !== s.weekday || t.hour < s.hour) return null;
  return weekBefore(t.date);
}

/** UTC milliseconds of a local wall-clock time (`day` at `hour`:00) in `timeZone`. */
export function instantOf(day: string, hour: number, timeZone: string): number {
  const wall = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  let guess = wall;
  // Two rounds settle the offset, also across a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const t = localTime(guess, timeZone);
    const seen = Date.parse(`${t.date}T${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}:00Z`);
    guess += wall - seen;
  }
  return guess;
}

/** When the next digest goes out after `now` (for the settings screen). */
export function nextAt(now: number, s: WeeklySchedule): number {
  const today = localTime(now, s.timeZone).date;
  for (let i = 0; i < 8; i++) {
    const day = addDays(today, i);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (WEEKDAYS[(dow + 6) % 7] !== s.weekday) continue;
    const at = instantOf(day, s.hour, s.timeZone);
    if (at > now) return at;
  }
  return instantOf(addDays(today, 7), s.hour, s.timeZone);
}
