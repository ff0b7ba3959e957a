// @vitest-environment happy-dom
// The router's store listens to the page's location and history from the moment it loads, so this
// file runs in happy-dom; parsing and writing hashes are plain functions.
import { describe, expect, it } from 'vitest';
import {
  currentRoute,
  type Filters,
  navigate,
  parseHash,
  resolveDates,
  setupHash,
  toHash,
} from '../../dashboard/src/route';

const defaults = parseHash('').filters;

describe('hash → route', () => {
  it('an empty or unknown hash is the overview for the last 30 days', () => {
    for (const h of ['', '#', '#/', '#/nowhere', '#/overview']) {
      expect(parseHash(h)).toEqual({ view: 'overview', setup: null, filters: { ...defaults, range: '30' } });
    }
  });

  it('reads a results view with every filter', () => {
    const r = parseHash(
      '#/verbatims?survey=sv_1&range=custom&from=2026-01-01&to=2026-01-31&interval=week&touchpoint=checkout' +
        '&segment=plan%3Apro&language=fa&q=slow%20checkout&sentiment=negative&by=plan&metric=ces&status=open',
    );
    expect(r).toEqual({
      view: 'verbatims',
      setup: null,
      filters: {
        survey: 'sv_1',
        range: 'custom',
        from: '2026-01-01',
        to: '2026-01-31',
        interval: 'week',
        touchpoint: 'checkout',
        segment: 'plan:pro',
        language: 'fa',
        q: 'slow checkout',
        sentiment: 'negative',
        by: 'plan',
        metric: 'ces',
        status: 'open',
      },
    });
  });

  it('drops values outside their enums and days that are not YYYY-MM-DD', () => {
    const f = parseHash(
      '#/journey?range=45&interval=decade&sentiment=angry&metric=nps2&status=closed&from=2026-1-1&to=x',
    ).filters;
    expect(f).toEqual({ ...defaults, range: '30' });
  });

  it('set-up screens, and the editor with an encoded id', () => {
    expect(parseHash('#/install').setup).toEqual({ view: 'install' });
    expect(parseHash('#/keys').setup).toEqual({ view: 'keys' });
    expect(parseHash('#/editor/sv%2F1%20x').setup).toEqual({ view: 'editor', id: 'sv/1 x' });
    // an editor without an id is not a screen
    expect(parseHash('#/editor').setup).toBeNull();
  });

  it('a set-up screen keeps the last results view and its filters, so the tabs back keep them', () => {
    const last = parseHash('#/journey?range=7&metric=csat');
    const r = parseHash('#/touchpoints', last);
    expect(r).toEqual({ view: 'journey', filters: last.filters, setup: { view: 'touchpoints' } });
    // without a last route: the overview's defaults
    expect(parseHash('#/touchpoints')).toMatchObject({ view: 'overview', filters: defaults });
  });
});

describe('route → hash', () => {
  it('writes only what differs from the defaults', () => {
    expect(toHash({ view: 'overview', filters: defaults })).toBe('#/overview');
    expect(toHash({ view: 'journey', filters: { range: '30', metric: 'csat' } })).toBe('#/journey?metric=csat');
    expect(toHash({ view: 'segments', filters: { range: '90', survey: 'sv 1', q: '' } })).toBe(
      '#/segments?range=90&survey=sv+1',
    );
  });

  it('keeps from/to only for a custom range', () => {
    const f: Filters = { range: '7', from: '2026-01-01', to: '2026-01-31' };
    expect(toHash({ view: 'overview', filters: f })).toBe('#/overview?range=7');
    expect(toHash({ view: 'overview', filters: { ...f, range: 'custom' } })).toBe(
      '#/overview?range=custom&from=2026-01-01&to=2026-01-31',
    );
  });

  it('round-trips every filter', () => {
    const f: Filters = {
      survey: 'sv_ä/1',
      range: 'custom',
      from: '2026-02-01',
      to: '2026-02-28',
      interval: 'month',
      touchpoint: 'checkout',
      segment: 'country:IR',
      language: 'fa',
      q: 'پرداخت & "کند"',
      sentiment: 'positive',
      by: 'locale',
      metric: 'nps',
      status: 'resolved',
    };
    expect(parseHash(toHash({ view: 'inbox', filters: f }))).toEqual({ view: 'inbox', filters: f, setup: null });
  });

  it('a set-up screen is its own hash', () => {
    expect(toHash({ view: 'overview', filters: defaults, setup: { view: 'editor', id: 'sv/1' } })).toBe(
      '#/editor/sv%2F1',
    );
    expect(setupHash({ view: 'surveys' })).toBe('#/surveys');
    expect(parseHash(setupHash({ view: 'editor', id: 'a b/c' })).setup).toEqual({ view: 'editor', id: 'a b/c' });
  });
});

describe('dates for the filters', () => {
  const today = '2026-03-15';
  it('a rolling preset is whole days up to yesterday; today only when asked for', () => {
    expect(resolveDates({ range: '7' }, today)).toEqual({ from: '2026-03-08', to: '2026-03-14', interval: 'day' });
    expect(resolveDates({ range: '7', today: true }, today)).toEqual({
      from: '2026-03-09',
      to: today,
      interval: 'day',
    });
    expect(resolveDates({ range: '30' }, today)).toEqual({ from: '2026-02-13', to: '2026-03-14', interval: 'week' });
    expect(resolveDates({ range: '365' }, today)).toEqual({ from: '2025-03-15', to: '2026-03-14', interval: 'month' });
  });

  it('"include today" lives in the address, only for rolling presets', () => {
    expect(parseHash('#/overview?range=7&today=1').filters.today).toBe(true);
    expect(parseHash('#/overview?range=7').filters.today).toBeUndefined();
    expect(toHash({ view: 'overview', filters: { range: '7', today: true } })).toBe('#/overview?range=7&today=1');
    expect(toHash({ view: 'overview', filters: { range: 'month', today: true } })).toBe('#/overview?range=month');
  });

  it('a custom range is put in order; without both days it is the last 30', () => {
    expect(resolveDates({ range: 'custom', from: '2026-01-31', to: '2026-01-01' }, today)).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      interval: 'week',
    });
    expect(resolveDates({ range: 'custom', from: '2026-01-01' }, today)).toEqual(resolveDates({ range: '30' }, today));
  });

  it('the grouping follows the length (14 days by day, 120 by week) unless chosen', () => {
    const r = (from: string, to: string, interval?: 'day' | 'week' | 'month') =>
      resolveDates({ range: 'custom', from, to, interval }, today).interval;
    expect(r('2026-01-01', '2026-01-14')).toBe('day');
    expect(r('2026-01-01', '2026-01-15')).toBe('week');
    expect(r('2026-01-01', '2026-04-30')).toBe('week');
    expect(r('2026-01-01', '2026-05-01')).toBe('month');
    expect(r('2026-01-01', '2026-01-03', 'month')).toBe('month');
  });
});

describe('the store: links, navigate, back and forward', () => {
  it('navigate adds a history entry, or replaces the current one, and the route follows', () => {
    navigate('#/journey?range=7');
    expect(location.hash).toBe('#/journey?range=7');
    expect(currentRoute()).toMatchObject({ view: 'journey', filters: { range: '7' } });
    const before = history.length;
    navigate({ view: 'journey', filters: { range: '7', metric: 'ces' }, setup: null }, true);
    expect(history.length).toBe(before);
    expect(location.hash).toBe('#/journey?range=7&metric=ces');
    navigate('#/install');
    expect(history.length).toBe(before + 1);
    // the set-up screen keeps the journey's filters for the way back
    expect(currentRoute()).toEqual({
      view: 'journey',
      filters: parseHash('#/journey?range=7&metric=ces').filters,
      setup: { view: 'install' },
    });
  });

  it('a hash changed by the browser (a link, the address bar, back or forward) updates the route', async () => {
    navigate('#/overview');
    location.hash = '#/at-risk?range=90';
    await expect.poll(() => currentRoute().view).toBe('at-risk');
    expect(currentRoute().filters.range).toBe('90');
    location.hash = '#/keys';
    await expect.poll(() => currentRoute().setup).toEqual({ view: 'keys' });
    expect(currentRoute().view).toBe('at-risk');
  });

  it('back and forward walk the screens with their filters', async () => {
    navigate('#/overview?range=7&survey=sv_1');
    navigate({ view: 'journey', filters: { range: '90' }, setup: null });
    navigate('#/editor/sv_1');
    history.back();
    await expect.poll(() => currentRoute().setup).toBeNull();
    expect(currentRoute()).toMatchObject({ view: 'journey', filters: { range: '90' } });
    history.back();
    await expect.poll(() => currentRoute().view).toBe('overview');
    expect(currentRoute().filters).toMatchObject({ range: '7', survey: 'sv_1' });
    history.forward();
    await expect.poll(() => currentRoute().view).toBe('journey');
    history.forward();
    await expect.poll(() => currentRoute().setup).toEqual({ view: 'editor', id: 'sv_1' });
  });
});
