import { useEffect, useState } from 'preact/hooks';
import { CaseStatus, Interval, OutcomeKind, Sentiment } from '../../shared/schemas/api';
import { CHANNELS, type Channel } from '../../shared/schemas/invitation';
import { METRICS } from './metric';
import { resolveDates } from './periods';
import type { MetricKey } from './types';

/**
 * The dashboard's only router. Every screen lives in the hash, so a reload, the back button and a
 * shared link keep it (the API key never does):
 * - results views with their filters: `#/overview?survey=…&range=30&touchpoint=checkout`;
 * - set-up screens: `#/surveys`, `#/editor/ID`, `#/distribute/ID` (links, QR, email, SMS), `#/touchpoints`, `#/install`, `#/keys`,
 *   `#/digest` (the weekly digest and share links).
 *   `#/alerts`, `#/webhooks`, `#/audit` (the operations screens, loaded when first opened).
 *   `#/members`; the signed-in person's `#/account`.
 * One store below holds the current route; links, `navigate` and back/forward all go through it.
 */
export const VIEWS = [
  'overview',
  'journey',
  'segments',
  'verbatims',
  'drivers',
  'topics',
  'at-risk',
  'outcomes',
  'inbox',
  'drop-off',
  'customer',
] as const;
/** Views reached by a link from another view (one customer's page), not by a tab. */
export const LINKED_VIEWS: readonly View[] = ['customer'];
export type View = (typeof VIEWS)[number];

export const SETUP_VIEWS = [
  'surveys',
  'touchpoints',
  'install',
  'keys',
  'members',
  'alerts',
  'webhooks',
  'audit',
  'digest',
] as const;
/** `account` (the signed-in person's password, passkeys, sessions) is reached from the top bar, not a tab. */
export type SetupView = (typeof SETUP_VIEWS)[number] | 'editor' | 'distribute' | 'account';
export type SetupRoute = { view: SetupView; id?: string };

/**
 * Rolling windows of whole days up to yesterday (today only with `today`), or the last whole
 * month/quarter of the site's calendar (today excluded).
 */
export const RANGES = ['7', '30', '90', '365', 'month', 'quarter', 'custom'] as const;
export type RangePreset = (typeof RANGES)[number];

export type Filters = {
  survey?: string;
  range: RangePreset;
  from?: string;
  to?: string;
  /** a rolling preset ("Last 7 days") also counts today, which is not over yet */
  today?: boolean;
  interval?: Interval;
  touchpoint?: string;
  segment?: string;
  language?: string;
  /** how responses arrived (web, link, email, sms, qr) */
  channel?: Channel;
  /** verbatims */
  q?: string;
  sentiment?: Sentiment;
  /** segments */
  by?: string;
  /** journey colouring, segments chart */
  metric?: MetricKey;
  /** inbox: cases in one status */
  status?: CaseStatus;
  /** drivers: the metric explained */
  target?: 'nps' | 'csat' | 'ces';
  /** outcomes: the kind whose rates are shown */
  kind?: OutcomeKindName;
  /** customer: the respondent's id */
  who?: string;
};
type OutcomeKindName = (typeof OutcomeKind.options)[number];

/**
 * Where the app is. On a set-up screen `setup` is set and `view`/`filters` are the last results
 * view's, so the tabs back to the results keep their filters.
 */
export type Route = { view: View; filters: Filters; setup: SetupRoute | null };

const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** `v` if it is one of `options` (an enum's values from shared/schemas), else undefined. */
const oneOf = <T extends string>(options: readonly T[], v: string | undefined): T | undefined =>
  (options as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

function parseSetup(path: string): SetupRoute | null {
  const [head = '', id] = path.split('/');
  if ((head === 'editor' || head === 'distribute') && id) return { view: head, id: decodeURIComponent(id) };
  return (SETUP_VIEWS as readonly string[]).includes(head) || head === 'account' ? { view: head as SetupView } : null;
}

/** The route for a hash; a set-up screen keeps `last`'s results view and filters. */
export function parseHash(hash: string, last?: Route): Route {
  const [path = '', qs = ''] = hash.replace(/^#\/?/, '').split('?');
  const setup = parseSetup(path);
  if (setup) return { view: last?.view ?? 'overview', filters: last?.filters ?? parseHash('').filters, setup };
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'overview';
  const p = new URLSearchParams(qs);
  const get = (k: string) => p.get(k) || undefined;
  const range = (RANGES as readonly string[]).includes(p.get('range') ?? '') ? (p.get('range') as RangePreset) : '30';
  return {
    view,
    setup: null,
    filters: {
      survey: get('survey'),
      range,
      from: isDay(p.get('from')) ? get('from') : undefined,
      to: isDay(p.get('to')) ? get('to') : undefined,
      today: p.get('today') === '1' || undefined,
      interval: oneOf(Interval.options, get('interval')),
      touchpoint: get('touchpoint'),
      segment: get('segment'),
      language: get('language'),
      channel: oneOf(CHANNELS, get('channel')),
      q: get('q'),
      sentiment: oneOf(Sentiment.options, get('sentiment')),
      by: get('by'),
      metric: oneOf(METRICS, get('metric')),
      status: oneOf(CaseStatus.options, get('status')),
      target: oneOf(['nps', 'csat', 'ces'] as const, get('target')),
      kind: oneOf(OutcomeKind.options, get('kind')),
      who: get('who'),
    },
  };
}

export const setupHash = (r: SetupRoute) => (r.id ? `#/${r.view}/${encodeURIComponent(r.id)}` : `#/${r.view}`);

/** The hash for a route (a set-up screen's, or a results view's with its filters). */
export function toHash({
  view,
  filters,
  setup,
}: Pick<Route, 'view' | 'filters'> & { setup?: SetupRoute | null }): string {
  if (setup) return setupHash(setup);
  const p = new URLSearchParams();
  const f: Filters = { ...filters };
  if (f.range !== 'custom') {
    f.from = undefined;
    f.to = undefined;
  }
  if (!isRolling(f.range)) f.today = undefined;
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '') continue;
    if (k === 'range' && v === '30') continue;
    if (v === false) continue;
    p.set(k, v === true ? '1' : String(v));
  }
  const qs = p.toString();
  return `#/${view}${qs ? `?${qs}` : ''}`;
}

/** Whether a preset is a rolling window of days (which may or may not count today). */
export const isRolling = (r: RangePreset): boolean => r === '7' || r === '30' || r === '90' || r === '365';

// Days for the filters are computed in periods.ts (pure, so it is tested without a page).
export { resolveDates };

// The store. It listens from the moment the module loads, so no change is missed before the first
// component subscribes. A link or `location.hash =` fires popstate and then hashchange: the first
// one updates the route, the second finds the hash already seen and does nothing.
let current = parseHash(location.hash);
let currentHash = location.hash;
const subscribers = new Set<(r: Route) => void>();

/**
 * A screen with unsaved edits (the survey editor) registers a question; leaving it by a tab, a link
 * or the back button then asks first, and staying puts the address back. A reload or closing the
 * tab is asked by the browser itself (the editor listens to `beforeunload`).
 */
let leaveGuard: (() => string | null) | null = null;
export function guardLeaving(ask: (() => string | null) | null): void {
  leaveGuard = ask;
}

function sync(): void {
  if (location.hash === currentHash) return;
  const question = leaveGuard?.();
  if (question && !confirm(question)) {
    history.replaceState(null, '', currentHash);
    return;
  }
  currentHash = location.hash;
  current = parseHash(currentHash, current);
  for (const fn of subscribers) fn(current);
}
addEventListener('popstate', sync);
addEventListener('hashchange', sync);

export const currentRoute = (): Route => current;

/** Goes to a route or hash: a new history entry, or `replace` the current one (no events fire either way). */
export function navigate(to: Route | string, replace = false): void {
  const hash = typeof to === 'string' ? to : toHash(to);
  if (hash !== location.hash) {
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
  }
  sync();
}

/** The current route, re-rendering the caller on every change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    subscribers.add(setRoute);
    setRoute(current); // in case it changed between the first render and this subscription
    return () => {
      subscribers.delete(setRoute);
    };
  }, []);
  return route;
}
