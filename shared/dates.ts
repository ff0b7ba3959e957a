/** UTC day helpers shared by the Worker's date filters and the dashboard. Days are `YYYY-MM-DD`. */

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The first day of the period a day falls in: itself, its ISO week's Monday, or its month's 1st. */
export function periodStart(day: string, interval: 'day' | 'week' | 'month'): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** An inclusive range with defaults (the last 30 days) and the period just before it, of equal length. */
export function resolveRange(from?: string, to?: string, today = dayOf(Date.now())) {
  const end = to ?? (from && from > today ? from : today);
  const start = from ?? addDays(end, -29);
  const len = daysBetween(start, end) + 1;
  return { from: start, to: end, previous: { from: addDays(start, -len), to: addDays(start, -1) } };
}
