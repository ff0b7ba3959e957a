import { useEffect, useState } from 'preact/hooks';
import { getSite } from '../../shared/contract/sites';
import { type Calendar, localDay } from '../../shared/dates';
import { call } from './api';

/**
 * The site's time zone and calendar, read once per page (GET /v1/site) and shared: the trend chart,
 * the period pickers and "today" follow them (a Persian team's months are Jalali months).
 */
export type SiteTime = { timeZone: string; calendar: Calendar };
let known: SiteTime = { timeZone: 'UTC', calendar: 'gregorian' };
let loading: Promise<void> | null = null;
const listeners = new Set<(t: SiteTime) => void>();

/** Called after the site's settings are saved, so every screen follows at once. */
export function setSiteTime(t: SiteTime): void {
  known = t;
  for (const fn of listeners) fn(t);
}

export function useSiteTime(): SiteTime {
  const [t, setT] = useState(known);
  useEffect(() => {
    listeners.add(setT);
    if (loading) return () => listeners.delete(setT);
    loading = call(getSite, {}).then(
      (d) => setSiteTime({ timeZone: d.site.timeZone, calendar: d.site.calendar }),
      () => {
        loading = null; // try again on the next screen
      },
    );
    return () => listeners.delete(setT);
  }, []);
  return t;
}

/** Today in the site's time zone. */
export const siteToday = (t: SiteTime): string => localDay(Date.now(), t.timeZone);
