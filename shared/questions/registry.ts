/**
 * Every question type, each stated once in its own module: config schema, scale, answer check,
 * link pre-answer, results part, the metric it feeds. Everything outside this folder asks here
 * (or the widget's `ui/questions/` and the editor's `setup/questions/`, which are keyed by
 * `QuestionType` so that a new type is a type error until it has its component and its fields).
 *
 * Adding a type: a module beside these, and one line in each of the three lists below.
 */
import { z } from 'zod';
import type { AnswerValue } from '../schemas/response';
import { BASE, BLOCKS } from './base';
import * as ces from './ces';
import * as choice from './choice';
import * as csat from './csat';
import type {
  Checked,
  MetricKey,
  QuestionData,
  QuestionModule,
  ResultPart,
  ResultStats,
  Scale,
  ScoreKind,
} from './kind';
import * as nps from './nps';
import * as rating from './rating';
import * as text from './text';

export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'rating', 'choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const schemaOf = <T extends QuestionType, F extends z.ZodRawShape>(type: T, fields: F) =>
  z.strictObject({ ...BASE, type: z.literal(type), ...fields });

export const NpsQuestion = schemaOf('nps', nps.fields(BLOCKS));
export const CsatQuestion = schemaOf('csat', csat.fields(BLOCKS));
export const CesQuestion = schemaOf('ces', ces.fields(BLOCKS));
export const RatingQuestion = schemaOf('rating', rating.fields(BLOCKS));
export const ChoiceQuestion = schemaOf('choice', choice.fields(BLOCKS));
export const TextQuestion = schemaOf('text', text.fields(BLOCKS));

export const Question = z.discriminatedUnion('type', [
  NpsQuestion,
  CsatQuestion,
  CesQuestion,
  RatingQuestion,
  ChoiceQuestion,
  TextQuestion,
]);
export type Question = z.infer<typeof Question>;
export type QuestionOfType<T extends QuestionType> = Extract<Question, { type: T }>;

const MODULES: { [T in QuestionType]: QuestionModule<QuestionOfType<T>> } = { nps, csat, ces, rating, choice, text };

/** A question's module, its methods taking that question (TS cannot tie `q.type` to `q`: one cast, here). */
const of = (q: Question) => MODULES[q.type] as QuestionModule<Question>;

/** Bounds of a scored question, or null for the unscored types. */
export const scaleOf = (q: Question): Scale | null => of(q).scale?.(q) ?? null;

/** One answer checked against its question and put in the form it is stored in (null: a skip). */
export const checkAnswer = (q: Question, v: AnswerValue): Checked => of(q).check(q, v);

/** A link's `?a=` raw value as an answer to the question, or null when the type takes none. */
export const answerFromParam = (q: Question, raw: string): number | string[] | null => of(q).fromParam(raw);

/** The question's part of the results, from its counts. */
export const resultOf = (q: Question, data: QuestionData, stats: ResultStats): ResultPart =>
  of(q).result(q, data, stats);

/** A type's module by name (a name read from stored data may be of no type: undefined). */
const byName = (type: string): QuestionModule<never> | undefined =>
  (MODULES as Record<string, QuestionModule<never>>)[type];

/** The headline metric the type feeds, if any. */
export const metricFedBy = (type: string): MetricKey | undefined => byName(type)?.metric;

/** The score a drop alert watches for the type, or null for the unscored types. */
export const scoreKindOf = (type: QuestionType): ScoreKind | null => MODULES[type].score ?? null;

/** A choice question's options, or undefined for the other types. */
export const optionsOf = (q: Question) => of(q).options?.(q);

/** What a new question of the type starts with besides id and prompt. */
export const starterOf = (type: QuestionType): Record<string, unknown> => MODULES[type].starter?.() ?? {};

/** The follow-up rule the editor proposes on answers to the question. */
export const followUpOf = (q: Question) => of(q).followUp(q);

/** The scale of a question of the type with its defaults (type names: "NPS (0–10)"). */
export const typeScale = (type: QuestionType): Scale | null =>
  (MODULES[type].scale as ((q: object) => Scale) | undefined)?.({}) ?? null;

/** Whether the type's answers are scored for sentiment. */
export const hasSentiment = (type: string): boolean => byName(type)?.sentiment === true;
