import { z } from 'zod';
import { MESSAGES } from './messages';

/** BCP-47-ish language tag, kept simple: `en`, `fa`, `pt-BR`. */
export const LocaleCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, MESSAGES.localeCode);
export type LocaleCode = z.infer<typeof LocaleCode>;

/** Identifiers chosen by people (question ids, touchpoint keys, option ids): URL- and CSV-safe. */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, MESSAGES.slug);

/** Most languages one text may have (as many as a survey may declare): every page view downloads them all. */
export const MAX_TEXT_LOCALES = 20;

/** Text in several languages: `{en: "How likely…", fa: "چقدر…"}`. At least one entry, at most 20. */
export const LocalizedText = z
  .record(LocaleCode, z.string().trim().min(1).max(500))
  .refine((v) => Object.keys(v).length > 0, MESSAGES.someLanguage)
  .refine((v) => Object.keys(v).length <= MAX_TEXT_LOCALES, MESSAGES.tooManyLanguages);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Customer journey stages, in journey order. */
export const STAGES = ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'support', 'loyalty'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/** Calendar day in UTC, `YYYY-MM-DD`, checked to be a real date. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, MESSAGES.isoDay)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, MESSAGES.realDay);

/** The JSON error body every endpoint uses. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
