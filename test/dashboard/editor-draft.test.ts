// The survey editor's draft: a stored survey becomes an editable draft, the draft is tidied and
// checked with the API's SurveyInput, and refusals name the field in the dashboard's language.
import { describe, expect, it } from 'vitest';
import { loadLocale, makeI18n } from '../../dashboard/src/i18n';
import { draftOf, langsOf, produce, put, retype, tidy } from '../../dashboard/src/setup/editor/draft';
import { TEMPLATE_IDS, TEMPLATES } from '../../dashboard/src/setup/templates';
import type { Survey } from '../../dashboard/src/types';
import { validate } from '../../dashboard/src/validate';
import { SurveyInput } from '../../shared/schemas/survey';

const en = makeI18n('en');
// Persian's dictionary is a chunk of its own, fetched before the dashboard renders in Persian.
await loadLocale('fa');
const fa = makeI18n('fa');

const STORED: Survey = {
  id: 'sv_1',
  name: 'Checkout',
  status: 'active',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
  locales: ['en', 'fa'],
  questions: [
    {
      id: 'nps',
      type: 'nps',
      required: true,
      prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' },
      lowLabel: { en: 'Not likely', fa: 'بعید' },
    },
    {
      id: 'came-for',
      type: 'choice',
      multiple: true,
      prompt: { en: 'Why today?', fa: 'چرا امروز؟' },
      options: [
        { id: 'buy', label: { en: 'Buy', fa: 'خرید' } },
        { id: 'help', label: { en: 'Help', fa: 'کمک' } },
      ],
    },
    {
      id: 'why',
      type: 'text',
      prompt: { en: 'Why?', fa: 'چرا؟' },
      maxLength: 500,
      showIf: { questionId: 'nps', max: 6 },
    },
  ],
  targeting: {
    touchpoints: ['checkout'],
    urls: { include: ['/checkout/**'] },
    trigger: { type: 'scroll', percent: 50 },
    samplePercent: 25,
    recontactDays: 30,
  },
  theme: { color: '#4f46e5', position: 'bottom-left', mode: 'auto' },
  thankYou: { en: 'Thanks!', fa: 'سپاس!' },
};

describe('survey → draft → survey', () => {
  it('the draft is the editable part of the survey, and saving it unchanged gives the same survey', () => {
    const draft = draftOf(STORED);
    for (const k of ['id', 'version', 'createdAt', 'updatedAt']) expect(draft).not.toHaveProperty(k);
    const { id, version, createdAt, updatedAt, ...editable } = STORED;
    const r = validate(SurveyInput, tidy(draft), en);
    expect(r.success).toBe(true);
    expect(r.success && r.data).toEqual(editable);
  });

  it('the draft is a copy: editing it leaves the stored survey as it was', () => {
    const before = structuredClone(STORED);
    const draft = produce(draftOf(STORED), (d) => {
      d.questions[0].prompt.fa = 'تغییر';
      d.targeting.urls.include.push('/cart');
    });
    expect(draft.questions[0].prompt.fa).toBe('تغییر');
    expect(STORED).toEqual(before);
  });

  it('every template is a valid survey, as the API would take it', () => {
    for (const id of TEMPLATE_IDS) {
      const r = SurveyInput.safeParse(tidy(TEMPLATES[id]));
      expect(r.success, `${id}: ${JSON.stringify(!r.success && r.error.issues)}`).toBe(true);
    }
  });
});

describe('tidy', () => {
  it('drops the empty containers the editor leaves behind, which the API would refuse', () => {
    const draft = produce(draftOf(STORED), (d) => {
      d.targeting = { urls: { include: [], exclude: [] }, touchpoints: [] };
      d.theme = {};
      d.thankYou = {};
      d.questions[0].lowLabel = {};
      d.questions[2].placeholder = {};
    });
    expect(SurveyInput.safeParse(draft).success).toBe(false);
    const clean = tidy(draft);
    for (const k of ['targeting', 'theme', 'thankYou']) expect(clean).not.toHaveProperty(k);
    expect(clean.questions[0]).not.toHaveProperty('lowLabel');
    expect(clean.questions[2]).not.toHaveProperty('placeholder');
    expect(SurveyInput.safeParse(clean).success).toBe(true);
    // what is not empty stays
    const kept = tidy(produce(draft, (d) => (d.targeting = { urls: { include: ['/a'], exclude: [] } })));
    expect(kept.targeting).toEqual({ urls: { include: ['/a'] } });
  });
});

describe('checking a draft', () => {
  it('a half-typed number is refused at its field, in the dashboard language', () => {
    const draft = produce(draftOf(STORED), (d) => (d.targeting.samplePercent = '12a'));
    for (const [i18n, message] of [
      [en, 'Enter a number'],
      [fa, 'یک عدد وارد کنید'],
    ] as const) {
      const r = validate(SurveyInput, tidy(draft), i18n);
      expect(r.success).toBe(false);
      if (!r.success)
        expect(r.error.issues).toEqual([expect.objectContaining({ path: ['targeting', 'samplePercent'], message })]);
    }
  });

  it('bounds are written in the locale digits', () => {
    const draft = produce(draftOf(STORED), (d) => (d.targeting.samplePercent = 150));
    const r = validate(SurveyInput, tidy(draft), fa);
    expect(!r.success && r.error.issues.map((i) => i.message)).toEqual(['حداکثر ۱۰۰']);
    const r2 = validate(SurveyInput, tidy(draft), en);
    expect(!r2.success && r2.error.issues.map((i) => i.message)).toEqual(['At most 100']);
  });

  it('an empty Persian prompt is "required" under questions.N.prompt.fa', () => {
    const draft = produce(draftOf(STORED), (d) => (d.questions[1].prompt.fa = '  '));
    const r = validate(SurveyInput, tidy(draft), fa);
    expect(!r.success && r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['questions.1.prompt.fa', 'لازم است'],
    ]);
  });

  it('refuses rules that can never fire and texts missing in a declared language (#17)', () => {
    // "show when at least 4 and at most 3"
    const dead = produce(draftOf(STORED), (d) => {
      d.questions[2].showIf = { questionId: 'nps', min: 4, max: 3 };
    });
    const r1 = validate(SurveyInput, tidy(dead), en);
    expect(!r1.success && r1.error.issues.map((i) => i.path.join('.'))).toEqual(['questions.2.showIf.max']);
    // the English prompt and an option's English label left out of an en+fa survey
    const noEnglish = { ...tidy(draftOf(STORED)) };
    noEnglish.questions = structuredClone(noEnglish.questions);
    delete noEnglish.questions[0].prompt.en;
    delete noEnglish.questions[1].options[1].label.en;
    const r2 = validate(SurveyInput, noEnglish, fa);
    expect(!r2.success && r2.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['questions.0.prompt.en', 'این متن را به همهٔ زبان‌های نظرسنجی بنویسید'],
      ['questions.1.options.1.label.en', 'این متن را به همهٔ زبان‌های نظرسنجی بنویسید'],
    ]);
  });

  it("the schema's own rules (duplicate ids, a follow-up on a later question) are translated too", () => {
    const draft = produce(draftOf(STORED), (d) => {
      d.questions[1].id = 'nps';
      d.questions[2].showIf.questionId = 'later';
    });
    const r = validate(SurveyInput, tidy(draft), fa);
    expect(!r.success && r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['questions.1.id', 'شناسهٔ پرسش‌ها باید یکتا باشد'],
      ['questions.2.showIf.questionId', 'قاعدهٔ پیگیری باید به پرسشی پیش از این اشاره کند'],
    ]);
  });
});

describe('editing helpers', () => {
  it('a new type keeps the id, prompt, required and rule, and nothing of the old type', () => {
    const text = STORED.questions[2]!;
    expect(retype(text, 'nps')).toEqual({
      id: 'why',
      type: 'nps',
      prompt: text.prompt,
      showIf: { questionId: 'nps', max: 6 },
    });
    const choice = retype({ id: 'q4', prompt: {} }, 'choice');
    expect(choice.options).toHaveLength(2);
    // a choice keeps its options when it stays a choice
    expect(retype(STORED.questions[1], 'choice').options).toEqual(
      (STORED.questions[1] as { options: unknown }).options,
    );
  });

  it('languages: the survey locales, else those of its prompts, else English and Persian', () => {
    expect(langsOf(draftOf(STORED))).toEqual(['en', 'fa']);
    expect(langsOf({ questions: [{ prompt: { fa: 'x', ar: 'y' } }] })).toEqual(['fa', 'ar']);
    expect(langsOf({ questions: [] })).toEqual(['en', 'fa']);
  });

  it('put sets a value, or removes the key for undefined', () => {
    const o: Record<string, unknown> = { a: 1 };
    put(o, 'b', 2);
    put(o, 'a', undefined);
    expect(o).toEqual({ b: 2 });
  });
});
