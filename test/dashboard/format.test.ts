// How the dashboard writes numbers and dates, in English and in Persian (Persian digits, the Solar
// Hijri calendar, signed numbers kept left to right inside right-to-left text). Rounding edge cases
// (halves) belong to metric rounding's own tests.
import { describe, expect, it } from 'vitest';
import { loadLocale, makeI18n } from '../../dashboard/src/i18n';
import {
  bucketOf,
  ciBounds,
  formatCi,
  formatDelta,
  formatValue,
  headline,
  metricsAsked,
} from '../../dashboard/src/metric';
import { nextPeriod, periodEnd, periodLabel, periodsBetween } from '../../dashboard/src/periods';
import type { Ces, Csat, Nps } from '../../dashboard/src/types';

const en = makeI18n('en');
// Persian's dictionary is a chunk of its own, fetched before the dashboard renders in Persian.
await loadLocale('fa');
const fa = makeI18n('fa');
/** Left-to-right isolate around a signed number in Persian (LRI … PDI), and an isolated value (FSI … PDI). */
const lri = (s: string) => `\u2066${s}\u2069`;
const fsi = (s: string) => `\u2068${s}\u2069`;

const nps = (score: number, enough = true): Nps => ({
  score,
  n: 120,
  promoters: 60,
  passives: 30,
  detractors: 30,
  ci95: [score - 10, score + 10],
  enough,
});
const csat = (score: number, enough = true): Csat => ({ score, n: 80, satisfied: 60, ci95: [70, 85], enough });
const ces = (mean: number, enough = true): Ces => ({ mean, n: 40, sd: 1.1, ci95: [mean - 0.3, mean + 0.3], enough });

describe('metric values', () => {
  it('NPS is a signed whole number, zero without a sign', () => {
    expect(formatValue(en, 'nps', 42.4)).toBe('+42');
    expect(formatValue(en, 'nps', -3.6)).toBe('-4');
    expect(formatValue(en, 'nps', 0)).toBe('0');
    expect(formatValue(fa, 'nps', 42.4)).toBe(lri('+۴۲'));
    expect(formatValue(fa, 'nps', -3.6)).toBe(lri('−۴'));
    expect(formatValue(fa, 'nps', 0)).toBe('۰');
  });

  it('CSAT is a whole percentage, CES a mean with two decimals', () => {
    expect(formatValue(en, 'csat', 81.2)).toBe('81%');
    expect(formatValue(fa, 'csat', 81.2)).toBe('۸۱٪');
    expect(formatValue(en, 'ces', 5.4)).toBe('5.40');
    expect(formatValue(fa, 'ces', 5.4)).toBe('۵٫۴۰');
  });

  it('changes: NPS and CSAT in points with one decimal, CES with two', () => {
    expect(formatDelta(en, 'nps', 4.26)).toBe('+4.3');
    expect(formatDelta(en, 'csat', -2)).toBe('-2.0');
    expect(formatDelta(en, 'ces', -0.31)).toBe('-0.31');
    expect(formatDelta(en, 'ces', 0)).toBe('0.00');
    expect(formatDelta(fa, 'nps', 4.26)).toBe(lri('+۴٫۳'));
    expect(formatDelta(fa, 'ces', -0.31)).toBe(lri('−۰٫۳۱'));
  });

  it('intervals: NPS bounds without a sign, others like their value', () => {
    expect(ciBounds(en, 'nps', [-12.4, 30.6])).toEqual({ lo: '-12', hi: '31' });
    expect(ciBounds(en, 'csat', [70.2, 85.9])).toEqual({ lo: '70%', hi: '86%' });
    expect(ciBounds(en, 'ces', [5.1, 5.7])).toEqual({ lo: '5.10', hi: '5.70' });
    expect(formatCi(en, 'nps', [-12.4, 30.6])).toBe('-12 to 31');
    expect(formatCi(fa, 'nps', [-12.4, 30.6])).toBe(`${fsi(lri('−۱۲'))} تا ${fsi('۳۱')}`);
    expect(formatCi(fa, 'csat', [70.2, 85.9])).toBe(`${fsi('۷۰٪')} تا ${fsi('۸۶٪')}`);
  });

  it('the headline number of each metric', () => {
    expect(headline(nps(31))).toBe(31);
    expect(headline(csat(77))).toBe(77);
    expect(headline(ces(5.2))).toBe(5.2);
  });

  it('colour buckets by the metric own cuts; none with too few answers', () => {
    expect([-50, -20, 0, 20, 50].map((v) => bucketOf('nps', nps(v)))).toEqual([0, 1, 2, 3, 4]);
    expect([59, 60, 75, 85, 95].map((v) => bucketOf('csat', csat(v)))).toEqual([0, 1, 2, 3, 4]);
    expect([3, 3.5, 5, 6, 6.5].map((v) => bucketOf('ces', ces(v)))).toEqual([0, 1, 2, 3, 4]);
    expect(bucketOf('nps', nps(80, false))).toBeNull();
    expect(bucketOf('csat', null)).toBeNull();
  });

  it('the metrics a survey asks, in the fixed order', () => {
    const q = (type: string) => ({ type });
    expect(metricsAsked({ questions: [q('text'), q('ces'), q('nps')] })).toEqual(['nps', 'ces']);
    expect(metricsAsked({ questions: [q('text')] })).toEqual([]);
    expect(metricsAsked(undefined)).toEqual(['nps', 'csat', 'ces']);
  });
});

describe('numbers and dates', () => {
  it('grouping and digits', () => {
    expect(en.int(1234567)).toBe('1,234,567');
    expect(fa.int(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    expect(en.pct(12.5, 1)).toBe('12.5%');
    expect(fa.pct(12.5, 1)).toBe('۱۲٫۵٪');
  });

  it('p-values: three decimals, or below 0.001', () => {
    expect(en.pValue(0.0456)).toBe('0.046');
    expect(en.pValue(0.0004)).toBe('< 0.001');
    expect(fa.pValue(0.0004)).toBe('< ۰٫۰۰۱');
  });

  it('days in the Solar Hijri calendar in Persian, read as UTC days', () => {
    expect(en.day('2026-11-23')).toBe('Nov 23, 2026');
    expect(fa.day('2026-11-23')).toBe('۲ آذر ۱۴۰۵');
    // Nowruz: the first day of the Persian year
    expect(fa.shortDay('2026-03-21')).toBe('۱ فروردین');
    expect(en.shortDay('2026-03-21')).toBe('Mar 21');
    // a timestamp late in the UTC day is still that day
    expect(en.day('2026-11-23T23:59:00Z')).toBe('Nov 23, 2026');
  });

  it('month buckets: a month name in English, their first day in Persian (months do not line up)', () => {
    expect(en.month('2026-11-01')).toBe('Nov 2026');
    expect(fa.month('2026-11-01')).toBe('۱۰ آبان ۱۴۰۵');
  });

  it('values put in text are isolated in Persian only', () => {
    expect(en.t('nEquals', { n: en.int(1200) })).toBe('n = 1,200');
    expect(fa.t('nEquals', { n: fa.int(1200) })).toContain(fsi('۱٬۲۰۰'));
  });

  it('a prompt in this locale, else English, else any', () => {
    expect(fa.pick({ en: 'Hi', fa: 'سلام' })).toBe('سلام');
    expect(fa.pick({ en: 'Hi' })).toBe('Hi');
    expect(en.pick({ de: 'Hallo' })).toBe('Hallo');
    expect(en.pick(undefined)).toBe('');
  });
});

describe('trend periods', () => {
  it('every period start in the range, so empty periods are gaps', () => {
    expect(periodsBetween('2026-01-30', '2026-02-02', 'day')).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
    // weeks start on Monday: 2026-01-05 and 2026-01-12 are Mondays
    expect(periodsBetween('2026-01-07', '2026-01-19', 'week')).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(periodsBetween('2025-11-15', '2026-02-01', 'month')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
  });

  it('a period ends the day before the next, clipped to the range', () => {
    expect(nextPeriod('2025-12-01', 'month')).toBe('2026-01-01');
    expect(periodEnd('2026-02-01', 'month', '2026-12-31')).toBe('2026-02-28');
    expect(periodEnd('2026-01-12', 'week', '2026-01-14')).toBe('2026-01-14');
  });

  it('axis labels: days without the year, months', () => {
    expect(periodLabel(en, '2026-01-12', 'week')).toBe('Jan 12');
    expect(periodLabel(en, '2026-01-01', 'month')).toBe('Jan 2026');
    expect(periodLabel(fa, '2026-01-12', 'day')).toBe('۲۲ دی');
  });
});

describe('separators and lists, per language', () => {
  it('never puts a middle dot beside Persian digits (it reads as the Persian zero), and lists in each language', () => {
    expect(en.sep).toBe(' · ');
    expect(fa.sep).not.toContain('·');
    expect(fa.sep).toContain('،');
    expect(en.list(['Segment', 'Respondent language'])).toBe('Segment and Respondent language');
    // the English note no longer borrows the Persian comma, and the Persian one uses it
    expect(en.list(['A', 'B', 'C'])).not.toContain('،');
    expect(fa.list(['بخش', 'زبان', 'نقطه'])).toMatch(/^بخش،\S* زبان،? و نقطه$/);
  });
});

describe('how long ago, in words', () => {
  it('says minutes, hours and days ago in each language (the install check is no bare timestamp)', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    expect(en.ago(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(en.ago(now - 5_000, now)).toBe('5 seconds ago');
    expect(en.ago(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(en.ago(now - 86_400_000, now)).toBe('yesterday');
    expect(fa.ago(now - 3 * 60_000, now)).toBe('۳ دقیقه پیش');
  });
});

// The API sends unrounded values (shared/metrics.ts); the dashboard rounds exactly once, half away
// from zero, whatever it shows. Issue #14: −2.5175 was rounded to −2.5 by the API, then to "−2" here.
describe('one rounding, at display', () => {
  it('rounds an unrounded NPS once: −2.5175 is "−3" in whole points and "−2.5" with one decimal', () => {
    expect(formatValue(en, 'nps', -2.5175)).toBe('-3');
    expect(formatDelta(en, 'nps', -2.5175)).toBe('-2.5');
    expect(formatValue(fa, 'nps', -2.5175)).toBe(lri('−۳'));
  });

  it('rounds halves away from zero, both signs, in values and interval bounds', () => {
    expect(formatValue(en, 'nps', -2.5)).toBe('-3');
    expect(formatValue(en, 'nps', 2.5)).toBe('+3');
    expect(ciBounds(en, 'nps', [-2.5, 2.5])).toEqual({ lo: '-3', hi: '3' });
    expect(formatValue(en, 'nps', -0.4)).toBe('0');
  });

  it('shows full-precision CSAT and CES with their own decimals', () => {
    expect(formatValue(en, 'csat', 100 / 3)).toBe('33%');
    expect(formatValue(en, 'ces', 5.966666666)).toBe('5.97');
    expect(formatDelta(en, 'ces', -0.0049999)).toBe('0.00');
  });
});

describe('no negative zero', () => {
  it('writes a bound that rounds to zero as 0, never "-0" (the journey table showed "-0 to 48")', () => {
    expect(formatCi(en, 'nps', [-0.4, 48.2])).toBe('0 to 48');
    expect(en.num(-0.04, 1)).toBe('0');
    expect(en.int(-0.2)).toBe('0');
    expect(en.fixed(-0.001, 2)).toBe('0.00');
    expect(fa.num(-0.3, 0)).toBe('۰');
  });
});

describe('text composed of isolated values, inside right-to-left text', () => {
  it('keeps its own right-to-left order: an Arabic date range in the export note reads from → to', async () => {
    await loadLocale('ar');
    const ar = makeI18n('ar');
    // "{from} – {to}" has no letter outside its two isolated dates: an FSI around it would find no
    // strong letter and lay it out left to right, the later date first. It is Arabic text: RLI.
    const range = ar.t('rangeSummary', { from: ar.day('2026-11-06'), to: ar.day('2026-12-05') });
    const note = ar.t('exportNote', { survey: 'Shop NPS', filters: ar.list([range]) });
    expect(note).toContain(`\u2067${range}\u2069`);
    // A plain value (a name, a number) still takes its own direction.
    expect(note).toContain(fsi('Shop NPS'));
    expect(fa.t('exportNote', { survey: 'Shop NPS', filters: 'x' })).toContain(fsi('x'));
  });
});
