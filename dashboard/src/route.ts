import { useEffect, useState } from 'preact/hooks';
import { addDays, dayOf, daysBetween } from '../../shared/dates';
import type { CaseStatus, Interval, MetricKey, SentimentLabel } from './types';

/**
 * Hash routing: `#/overview?survey=…&range=30&touchpoint=checkout`. The view and the filters live
 * in the hash so a reload, the back button and a shared link keep them. The API key never does.
 */
export const VIEWS = ['overview', 'journey', 'segments', 'verbatims', 'at-risk', 'inbox', 'drop-off'] as const;
export type View = (typeof VIEWS)[number];

export const RANGES = ['7', '30', '90', '365', 'custom'] as const;
export type RangePreset = (typeof RANGES)[number];

export type Filters = {
  survey?: string;
  range: RangePreset;
  from?: string;
  to?: string;
  interval?: Interval;
  touchpoint?: string;
  segment?: string;
  language?: string;
  /** verbatims */
  q?: string;
  sentiment?: SentimentLabel;
  /** segments */
  by?: string;
  /** journey colouring, segments chart */
  metric?: MetricKey;
  /** inbox: cases in one status */
  status?: CaseStatus;
};

export type Route = { view: View; filters: Filters };

const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

export function parseHash(hash: string): Route {
  const [path = '', qs = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'overview';
  const p = new URLSearchParams(qs);
  const get = (k: string) => p.get(k) || undefined;
  const range = (RANGES as readonly string[]).includes(p.get('range') ?? '') ? (p.get('range') as RangePreset) : '30';
  const interval = get('interval');
  const sentiment = get('sentiment');
  const metric = get('metric');
  const status = get('status');
  return {
    view,
    filters: {
      survey: get('survey'),
      range,
      from: isDay(p.get('from')) ? get('from') : undefined,
      to: isDay(p.get('to')) ? get('to') : undefined,
      interval: interval === 'day' || interval === 'week' || interval === 'month' ? interval : undefined,
      touchpoint: get('touchpoint'),
      segment: get('segment'),
      language: get('language'),
      q: get('q'),
      sentiment:
        sentiment === 'positive' || sentiment === 'neutral' || sentiment === 'negative' ? sentiment : undefined,
      by: get('by'),
      metric: metric === 'nps' || metric === 'csat' || metric === 'ces' ? metric : undefined,
      status: status === 'open' || status === 'contacted' || status === 'resolved' ? status : undefined,
    },
  };
}

export function toHash({ view, filters }: Route): string {
  const p = new URLSearchParams();
  const f: Filters = { ...filters };
  if (f.range !== 'custom') {
    f.from = undefined;
    f.to = undefined;
  }
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '') continue;
    if (k === 'range' && v === '30') continue;
    p.set(k, String(v));
  }
  const qs = p.toString();
  return `#/${view}${qs ? `?${qs}` : ''}`;
}

/** Concrete inclusive days for the filters (UTC), and the grouping interval to use. */
export function resolveDates(f: Filters, today = dayOf(Date.now())): { from: string; to: string; interval: Interval } {
  let from: string;
  let to: string;
  if (f.range === 'custom' && f.from && f.to) {
    [from, to] = f.from <= f.to ? [f.from, f.to] : [f.to, f.from];
  } else {
    const days = f.range === 'custom' ? 30 : Number(f.range);
    to = today;
    from = addDays(today, -(days - 1));
  }
  const len = daysBetween(from, to) + 1;
  const interval = f.interval ?? (len <= 14 ? 'day' : len <= 120 ? 'week' : 'month');
  return { from, to, interval };
}

export function useRoute(): [Route, (next: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const navigate = (next: Route, replace = false) => {
    const hash = toHash(next);
    if (hash === location.hash) return;
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    setRoute(parseHash(hash));
  };
  return [route, navigate];
}
