// The dashboard's periods: rolling presets in whole local days of the site (its time zone cuts the
// days, today left out unless asked), the whole months of its calendar (Jalali for a Persian site),
// the range written as people read it, and the trend's fallback to a coarser grouping.
import { describe, expect, it } from 'vitest';
import { coarserGrouping, defaultInterval, rangeLabel, resolveDates, rollingRange } from '../../dashboard/src/periods';
import { localDay, resolveRange } from '../../shared/dates';

// 21:00 UTC on Friday 4 December 2026 is already Saturday 5 December (14 Azar 1405) in Tehran.
const instant = Date.parse('2026-12-04T21:00:00Z');

describe('rolling presets in the site time zone', () => {
  it("'Last 7 days' is the 7 whole days before the site's today", () => {
    const tehran = localDay(instant, 'Asia/Tehran');
    const utc = localDay(instant, 'UTC');
    expect([tehran, utc]).toEqual(['2026-12-05', '2026-12-04']);
    expect(resolveDates({ range: '7' }, tehran, 'persian')).toMatchObject({ from: '2026-11-28', to: '2026-12-04' });
    expect(resolveDates({ range: '7' }, utc)).toMatchObject({ from: '2026-11-27', to: '2026-12-03' });
    // Los Angeles is still on Friday morning: its yesterday is Thursday.
    expect(resolveDates({ range: '7' }, localDay(instant, 'America/Los_Angeles'))).toMatchObject({
      to: '2026-12-03',
    });
  });

  it('today is the last day only when asked for, and the window keeps its length', () => {
    expect(rollingRange(7, '2026-12-05', true)).toEqual({ from: '2026-11-29', to: '2026-12-05' });
    expect(rollingRange(90, '2026-12-05')).toEqual({ from: '2026-09-06', to: '2026-12-04' });
  });

  it('the API compares a rolling window with the same number of days just before it', () => {
    const { from, to } = resolveDates({ range: '30' }, '2026-12-05');
    expect(resolveRange(from, to, '2026-12-05').previous).toEqual({ from: '2026-10-06', to: '2026-11-04' });
    // Saturday to Friday is a whole Persian week: compared with the whole week before, 7 days too.
    const w = resolveDates({ range: '7' }, '2026-12-05', 'persian');
    expect(resolveRange(w.from, w.to, '2026-12-05', { calendar: 'persian' })).toMatchObject({
      whole: 'week',
      previous: { from: '2026-11-21', to: '2026-11-27' },
    });
  });

  it("'Last whole month' of a Persian site is the last Jalali month (Aban 1405), today excluded", () => {
    expect(resolveDates({ range: 'month' }, '2026-12-05', 'persian')).toEqual({
      from: '2026-10-23',
      to: '2026-11-21',
      interval: 'week',
    });
    expect(resolveDates({ range: 'month' }, '2026-12-05')).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
  });
});

describe('the range as a label', () => {
  // ICU puts thin and no-break spaces around the dash; compared as plain spaces.
  const label = (...a: Parameters<typeof rangeLabel>) => rangeLabel(...a).replace(/[\u2009\u202f\u00a0]/g, ' ');
  it('English, Gregorian: compact, the year only outside the current year', () => {
    expect(label('en', '2026-11-28', '2026-12-04', 'gregorian', '2026-12-05')).toBe('Nov 28 – Dec 4');
    expect(label('en', '2026-12-01', '2026-12-07', 'gregorian', '2026-12-08')).toBe('Dec 1 – 7');
    expect(label('en', '2025-12-29', '2026-01-04', 'gregorian', '2026-01-05')).toBe('Dec 29, 2025 – Jan 4, 2026');
    expect(label('en', '2026-12-04', '2026-12-04', 'gregorian', '2026-12-05')).toBe('Dec 4');
  });

  it('a Persian-calendar site reads Jalali days in English; Persian is always Jalali, in Persian digits', () => {
    expect(label('en', '2026-11-28', '2026-12-04', 'persian', '2026-12-05')).toBe('Azar 7 – 13');
    const fa = label('fa', '2026-11-28', '2026-12-04', 'gregorian', '2026-12-05');
    expect(fa).toContain('آذر');
    expect(fa).toMatch(/۷.*۱۳/);
    expect(fa).not.toMatch(/[0-9]/);
    // Esfand 1404 to Farvardin 1405 crosses the Jalali new year: the years are written.
    expect(label('fa', '2026-03-15', '2026-03-25', 'persian', '2026-03-26')).toMatch(/۱۴۰۴.*۱۴۰۵/);
  });

  it('Arabic: Arabic month names with the Latin digits of the rest of the Arabic dashboard', () => {
    expect(label('ar', '2026-03-08', '2026-03-14', 'gregorian', '2026-03-15')).toMatch(/^8 ?– ?14 مارس$/);
    const persianSite = label('ar', '2026-11-28', '2026-12-04', 'persian', '2026-12-05');
    expect(persianSite).toMatch(/7.*13/);
    expect(persianSite).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
  });
});

describe('grouping', () => {
  const few = { enough: false };
  const ok = { enough: true };

  it('by length when none is chosen: days up to 14, weeks up to 120, then months', () => {
    expect(defaultInterval('2026-11-28', '2026-12-04')).toBe('day');
    expect(defaultInterval('2026-11-01', '2026-11-15')).toBe('week');
    expect(defaultInterval('2026-01-01', '2026-05-01')).toBe('month');
  });

  it('every day too few: group by week; then by month; never past month', () => {
    const days = [{ nps: few }, { nps: few }, { nps: null }, { nps: few }];
    expect(coarserGrouping(days, ['nps'], 'day')).toBe('week');
    expect(coarserGrouping(days, ['nps'], 'week')).toBe('month');
    expect(coarserGrouping(days, ['nps'], 'month')).toBeNull();
  });

  it('keeps the grouping when a period has enough, when nothing was answered, or when there is one period', () => {
    expect(coarserGrouping([{ nps: few }, { nps: ok }], ['nps'], 'day')).toBeNull();
    expect(coarserGrouping([{ nps: null }, { nps: null }], ['nps'], 'day')).toBeNull();
    expect(coarserGrouping([{ nps: few }], ['nps'], 'day')).toBeNull();
  });

  it('one chart left empty is enough to group coarser (the charts share one grouping)', () => {
    const days = [
      { nps: ok, ces: few },
      { nps: ok, ces: few },
    ];
    expect(coarserGrouping(days, ['nps', 'ces'], 'day')).toBe('week');
    expect(coarserGrouping(days, ['nps'], 'day')).toBeNull();
  });
});
