import { z } from 'zod';
import { optionsOf, Question } from '../questions/registry';
import { LocaleCode, LocalizedText, Slug } from './common';
import { MESSAGES } from './messages';

// Question types live in shared/questions/ (one module per type); re-exported for the many importers.
export { ShowIf } from '../questions/base';
export {
  CesQuestion,
  ChoiceQuestion,
  CsatQuestion,
  NpsQuestion,
  QUESTION_TYPES,
  Question,
  type QuestionType,
  RatingQuestion,
  TextQuestion,
} from '../questions/registry';

/** Path globs: `*` within a segment, `**` across segments. */
const PathGlob = z
  .string()
  .min(1)
  .max(300)
  .regex(/^\/[^\s]*$/, MESSAGES.pathPattern);

export const Trigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pageview'), delayMs: z.number().int().min(0).max(600_000).optional() }),
  z.strictObject({ type: z.literal('scroll'), percent: z.number().int().min(1).max(100) }),
  z.strictObject({ type: z.literal('exit') }),
  z.strictObject({ type: z.literal('event'), name: z.string().min(1).max(64) }),
]);
export type Trigger = z.infer<typeof Trigger>;

const AttributeScalar = z.union([z.string().max(100), z.number().finite(), z.boolean()]);
const AttributeKey = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, MESSAGES.attributeName);

/**
 * One rule on an `identify` attribute (shared/attributes.ts applies it, in the widget and the Worker):
 * eq/neq/in compare as text, gt/lt as numbers; a missing attribute fails every rule.
 */
export const AttributeRule = z.discriminatedUnion('op', [
  z.strictObject({ key: AttributeKey, op: z.enum(['eq', 'neq']), value: AttributeScalar }),
  z.strictObject({ key: AttributeKey, op: z.literal('in'), value: z.array(AttributeScalar).min(1).max(50) }),
  z.strictObject({ key: AttributeKey, op: z.enum(['gt', 'lt']), value: z.number().finite() }),
]);
export type AttributeRule = z.infer<typeof AttributeRule>;

export const Targeting = z.strictObject({
  touchpoints: z.array(Slug).max(50).optional(),
  urls: z
    .strictObject({
      include: z.array(PathGlob).max(50).optional(),
      exclude: z.array(PathGlob).max(50).optional(),
    })
    .optional(),
  trigger: Trigger.optional(),
  samplePercent: z.number().min(0).max(100).optional(),
  /** Days before a visitor who saw (and dismissed or answered part of) this survey sees it again. */
  recontactDays: z.number().int().min(0).max(3650).optional(),
  /**
   * A respondent who completed this survey may be asked it again after this many days (relationship
   * NPS waves); without it, never again.
   */
  repeatEveryDays: z.number().int().min(1).max(3650).optional(),
  /** Rules on the attributes given to `identify` (or to an invitation); all must hold. */
  attributes: z.array(AttributeRule).min(1).max(20).optional(),
});
export type Targeting = z.infer<typeof Targeting>;

export const Theme = z.strictObject({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, MESSAGES.colour)
    .optional(),
  position: z.enum(['bottom-right', 'bottom-left', 'center']).optional(),
  mode: z.enum(['auto', 'light', 'dark']).optional(),
  radius: z.number().int().min(0).max(24).optional(),
});
export type Theme = z.infer<typeof Theme>;

export const SurveyStatus = z.enum(['draft', 'active', 'paused']);

/**
 * A survey's name in other languages, for the people who read the dashboard in them (`name` is the
 * default). Never shown to respondents.
 */
export const SurveyNames = z
  .record(LocaleCode, z.string().trim().min(1).max(120))
  .refine((v) => Object.keys(v).length <= 10, 'at most 10 languages');

/**
 * Most bytes a survey's definition may take as JSON. A visitor's browser downloads it whole when the
 * survey shows (and older loaders, every active survey on every page view), so one survey is bounded
 * here; 20 questions in 3 languages with long prompts stay well below it.
 */
export const MAX_SURVEY_BYTES = 64 * 1024;

/** What a site owner writes (POST). Cross-field rules live here so nothing saved can break the widget. */
export const SurveyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    names: SurveyNames.optional(),
    status: SurveyStatus.default('draft'),
    questions: z.array(Question).min(1).max(20),
    targeting: Targeting.optional(),
    locales: z.array(LocaleCode).max(20).optional(),
    theme: Theme.optional(),
    thankYou: LocalizedText.optional(),
  })
  .superRefine((s, ctx) => {
    if (new TextEncoder().encode(JSON.stringify(s)).length > MAX_SURVEY_BYTES) {
      ctx.addIssue({ code: 'custom', path: [], message: MESSAGES.surveyTooLarge });
    }
    const seen = new Map<string, number>();
    s.questions.forEach((q, i) => {
      if (seen.has(q.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: MESSAGES.questionIdsUnique });
      }
      if (q.showIf) {
        const at = seen.get(q.showIf.questionId);
        if (at === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'showIf', 'questionId'],
            message: MESSAGES.followUpEarlier,
          });
        } else if (q.showIf.anyOf && !optionsOf(s.questions[at]!)) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'showIf', 'anyOf'],
            message: MESSAGES.anyOfChoice,
          });
        }
      }
      seen.set(q.id, i);
    });
    // With its languages declared, a survey says every prompt and option in each of them: a missing
    // English prompt would otherwise show English visitors another language's text.
    for (const lang of s.locales ?? []) {
      const missing = (text: Record<string, string> | undefined, path: (string | number)[]) => {
        // (a blank entry is already refused by LocalizedText itself)
        if (text && !(lang in text)) {
          ctx.addIssue({ code: 'custom', path: [...path, lang], message: MESSAGES.everyLanguage });
        }
      };
      s.questions.forEach((q, i) => {
        missing(q.prompt, ['questions', i, 'prompt']);
        optionsOf(q)?.forEach((o, j) => {
          missing(o.label, ['questions', i, 'options', j, 'label']);
        });
      });
    }
  });
export type SurveyInput = z.input<typeof SurveyInput>;

/** PATCH body: any subset; the merged result is validated again with SurveyInput. */
export const SurveyPatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  names: SurveyNames.nullable().optional(),
  status: SurveyStatus.optional(),
  questions: z.array(Question).min(1).max(20).optional(),
  targeting: Targeting.nullable().optional(),
  locales: z.array(LocaleCode).max(20).nullable().optional(),
  theme: Theme.nullable().optional(),
  thankYou: LocalizedText.nullable().optional(),
});

export const Survey = z.object({
  id: z.string(),
  name: z.string(),
  names: SurveyNames.optional(),
  status: SurveyStatus,
  version: z.number().int(),
  questions: z.array(Question),
  targeting: Targeting.optional(),
  locales: z.array(LocaleCode).optional(),
  theme: Theme.optional(),
  thankYou: LocalizedText.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof Survey>;

/** What the widget receives: no timestamps, nothing private. */
export const PublicSurvey = Survey.pick({
  id: true,
  version: true,
  questions: true,
  targeting: true,
  locales: true,
  theme: true,
  thankYou: true,
});
export type PublicSurvey = z.infer<typeof PublicSurvey>;

/** Site-wide rules the widget applies across surveys. */
export const PublicSiteSettings = z.object({
  locale: LocaleCode,
  /** Minimum days between any two surveys shown to one visitor. */
  recontactDays: z.number().int().min(0),
  /**
   * The site's Cloudflare Turnstile site key, present only when the site turned Turnstile on (a secret
   * is set): the widget then gets a token for each response's first post. Absent: no Turnstile, and
   * the widget makes no request to Cloudflare.
   */
  turnstile: z.string().min(1).max(200).optional(),
});
export type PublicSiteSettings = z.infer<typeof PublicSiteSettings>;

/**
 * One survey as a page view's targeting sees it: when, where, to whom and how often, but no prompts
 * (they come with the survey when it shows: `getSiteSurvey`). `version` names the survey's text for
 * the browser's cache.
 */
export const PublicTargeting = PublicSurvey.pick({ id: true, version: true, targeting: true });
export type PublicTargeting = z.infer<typeof PublicTargeting>;

/**
 * What every page view fetches (`getSiteConfig`): the active surveys' targeting and the site's widget
 * settings. Its size grows with the number of surveys, never with their questions or languages.
 */
export const PublicConfig = z.object({
  surveys: z.array(PublicTargeting),
  settings: PublicSiteSettings,
});
export type PublicConfig = z.infer<typeof PublicConfig>;

/** The older, whole config (every active survey with its questions), kept for older loaders. */
export const PublicSurveysResponse = z.object({
  surveys: z.array(PublicSurvey),
  settings: PublicSiteSettings,
});
export type PublicSurveysResponse = z.infer<typeof PublicSurveysResponse>;
