import { describe, expect, it } from 'vitest';
import type { PublicSurvey, Targeting } from '../../shared/schemas/survey';
import { rules } from '../../widget/core/rules';
import { DAY, eligible, emptyFreq, markShown, touchVisit, VISIT_GAP } from '../../widget/core/targeting';

const survey = (targeting?: Targeting, id = 's1'): PublicSurvey => ({
  id,
  version: 1,
  questions: [{ id: 'q', type: 'nps', prompt: { en: 'How likely?' } }],
  targeting,
});
const T0 = Date.UTC(2026, 10, 1);
// the URL and attribute matchers, as the loader passes them once their chunk (r.js) has loaded
const page = (over: Partial<{ path: string; touchpoint: string; now: number; attrs: unknown }> = {}) => ({
  path: '/',
  now: T0,
  rules,
  ...over,
});

describe('targeting', () => {
  it('a survey with URL or attribute rules is not eligible until their matchers are there', () => {
    const { rules: _, ...bare } = page({ path: '/shop' });
    expect(eligible(survey({ urls: { include: ['/shop'] } }), emptyFreq(), undefined, bare)).toBe(false);
    expect(eligible(survey({ urls: { exclude: ['/admin'] } }), emptyFreq(), undefined, bare)).toBe(false);
    const attrs = survey({ attributes: [{ key: 'plan', op: 'eq', value: 'pro' }] });
    expect(eligible(attrs, emptyFreq(), undefined, { ...bare, attrs: { plan: 'pro' } })).toBe(false);
    expect(eligible(attrs, emptyFreq(), undefined, page({ attrs: { plan: 'pro' } }))).toBe(true);
    // without such rules, nothing more is needed
    expect(eligible(survey({ touchpoints: ['shop'] }), emptyFreq(), undefined, { ...bare, touchpoint: 'shop' })).toBe(
      true,
    );
  });

  it('a survey without targeting shows anywhere', () => {
    expect(eligible(survey(), emptyFreq(), undefined, page())).toBe(true);
  });

  it('touchpoints: only on listed ones, never on a page without a touchpoint', () => {
    const s = survey({ touchpoints: ['checkout', 'help'] });
    expect(eligible(s, emptyFreq(), undefined, page({ touchpoint: 'checkout' }))).toBe(true);
    expect(eligible(s, emptyFreq(), undefined, page({ touchpoint: 'home' }))).toBe(false);
    expect(eligible(s, emptyFreq(), undefined, page())).toBe(false);
  });

  it('URL include and exclude patterns', () => {
    const s = survey({ urls: { include: ['/shop/**'], exclude: ['/shop/admin/**'] } });
    expect(eligible(s, emptyFreq(), undefined, page({ path: '/shop/item/1' }))).toBe(true);
    expect(eligible(s, emptyFreq(), undefined, page({ path: '/shop/admin/x' }))).toBe(false);
    expect(eligible(s, emptyFreq(), undefined, page({ path: '/blog' }))).toBe(false);
  });

  it('sampling: one roll per visitor and survey, kept across page views', () => {
    const s = survey({ samplePercent: 30 });
    const f = emptyFreq();
    expect(eligible(s, f, undefined, page(), () => 0.5)).toBe(false);
    expect(f.r.s1).toBe(50);
    // a later page view does not re-draw
    expect(eligible(s, f, undefined, page(), () => 0.1)).toBe(false);
    const g = emptyFreq();
    expect(eligible(s, g, undefined, page(), () => 0.29)).toBe(true);
    expect(eligible(survey({ samplePercent: 0 }), emptyFreq(), undefined, page(), () => 0)).toBe(false);
    expect(eligible(survey({ samplePercent: 100 }), emptyFreq(), undefined, page(), () => 0.999)).toBe(true);
  });

  it('sampling is fair over many visitors', () => {
    let shown = 0;
    for (let i = 0; i < 10_000; i++)
      if (eligible(survey({ samplePercent: 25 }), emptyFreq(), undefined, page())) shown++;
    expect(shown).toBeGreaterThan(2300);
    expect(shown).toBeLessThan(2700);
  });
});

describe('frequency capping', () => {
  it('never asks a visitor who completed the survey again', () => {
    const f = emptyFreq();
    f.c.s1 = 1;
    expect(eligible(survey(), f, undefined, page({ now: T0 + 1000 * DAY }))).toBe(false);
  });

  it('at most one survey per visit; a new visit starts after 30 idle minutes', () => {
    const f = touchVisit(emptyFreq(), T0);
    markShown(f, 'other', T0);
    expect(eligible(survey(), f, undefined, page({ now: T0 + 60_000 }))).toBe(false);
    touchVisit(f, T0 + 10 * 60_000); // still the same visit
    expect(eligible(survey(), f, undefined, page())).toBe(false);
    touchVisit(f, T0 + 10 * 60_000 + VISIT_GAP + 1); // a new visit
    expect(eligible(survey(), f, undefined, page())).toBe(true);
  });

  it('a seen (dismissed or partly answered) survey stays away for its recontactDays (default 30)', () => {
    const f = emptyFreq();
    markShown(f, 's1', T0);
    f.vs = undefined; // a later visit
    const s = survey({ recontactDays: 7 });
    expect(eligible(s, f, undefined, page({ now: T0 + 6 * DAY }))).toBe(false);
    expect(eligible(s, f, undefined, page({ now: T0 + 7 * DAY + 1 }))).toBe(true);
    expect(eligible(survey(), f, undefined, page({ now: T0 + 29 * DAY }))).toBe(false);
    expect(eligible(survey(), f, undefined, page({ now: T0 + 30 * DAY + 1 }))).toBe(true);
    expect(eligible(survey({ recontactDays: 0 }), f, undefined, page({ now: T0 + 1 }))).toBe(true);
  });

  it('the site-wide recontact gap applies across surveys', () => {
    const f = emptyFreq();
    markShown(f, 'other', T0);
    f.vs = undefined;
    expect(eligible(survey(), f, { recontactDays: 14 }, page({ now: T0 + 13 * DAY }))).toBe(false);
    expect(eligible(survey(), f, { recontactDays: 14 }, page({ now: T0 + 14 * DAY + 1 }))).toBe(true);
    expect(eligible(survey(), f, { recontactDays: 0 }, page({ now: T0 + 1 }))).toBe(true);
  });
});

describe('contact policy: waves and attributes', () => {
  it('repeatEveryDays: a completed survey is asked again once that many days have passed since completing', () => {
    const s = survey({ repeatEveryDays: 90 });
    const f = emptyFreq();
    f.c.s1 = T0; // completed at T0 (the widget stores the time)
    expect(eligible(s, f, undefined, page({ now: T0 + 89 * DAY }))).toBe(false);
    expect(eligible(s, f, undefined, page({ now: T0 + 90 * DAY }))).toBe(true);
    // without it, never again; a completion stored by an older widget (1) counts as long ago
    expect(eligible(survey(), f, undefined, page({ now: T0 + 5000 * DAY }))).toBe(false);
    f.c.s1 = 1;
    expect(eligible(survey(), f, undefined, page())).toBe(false);
    expect(eligible(s, f, undefined, page())).toBe(true);
  });

  it('attribute rules on identify attributes: all must hold; a missing attribute fails', () => {
    const s = survey({
      attributes: [
        { key: 'plan', op: 'eq', value: 'pro' },
        { key: 'country', op: 'neq', value: 'US' },
        { key: 'seats', op: 'gt', value: 5 },
        { key: 'churn', op: 'lt', value: 0.5 },
        { key: 'tier', op: 'in', value: ['gold', 'silver', 3] },
      ],
    });
    const ok = { plan: 'pro', country: 'IR', seats: 10, churn: 0.1, tier: 'gold' };
    expect(eligible(s, emptyFreq(), undefined, page({ attrs: ok }))).toBe(true);
    // numbers given as text (a CSV) compare the same
    expect(eligible(s, emptyFreq(), undefined, page({ attrs: { ...ok, seats: '10', tier: '3' } }))).toBe(true);
    for (const bad of [
      { plan: 'free' },
      { country: 'US' },
      { seats: 5 },
      { seats: 'many' },
      { churn: 0.5 },
      { tier: 'bronze' },
      { plan: undefined },
      { country: null },
    ]) {
      expect(eligible(s, emptyFreq(), undefined, page({ attrs: { ...ok, ...bad } })), JSON.stringify(bad)).toBe(false);
    }
    expect(eligible(s, emptyFreq(), undefined, page())).toBe(false); // not identified
    expect(
      eligible(
        survey({ attributes: [{ key: 'beta', op: 'eq', value: true }] }),
        emptyFreq(),
        undefined,
        page({ attrs: { beta: true } }),
      ),
    ).toBe(true);
  });
});
