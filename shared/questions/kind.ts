/**
 * What a question-type module states (one module per type in this folder, listed in `registry.ts`).
 *
 * A type module imports nothing at run time but `scored.ts`, and makes no call at its top level: the widget imports its `scale` (and only that), so the bundler keeps nothing else
 * and zod never reaches the 12 KB survey bundle. Its zod fields are built from `Blocks`, passed in.
 */
import type { z } from 'zod';
import type { QuestionResult } from '../contract/results';
import type { LocalizedText, Slug } from '../schemas/common';
import type { MESSAGES } from '../schemas/messages';
import type { AnswerValue } from '../schemas/response';
import type { ShowIf } from './base';

/**
 * The zod builders a type module may use. A handful, not the whole `z` namespace: passing `z` itself
 * as a value makes the bundler keep all of zod, its 40-odd error-message locales included (~400 KB
 * in the dashboard's first load).
 */
export type Builders = Pick<typeof z, 'array' | 'boolean' | 'enum' | 'number' | 'strictObject'>;

export type Blocks = { z: Builders; text: typeof LocalizedText; slug: typeof Slug; messages: typeof MESSAGES };

/** The schema fields a type adds to the common ones (id, prompt, required, showIf). */
export type Fields = (b: Blocks) => z.ZodRawShape;

/** A question of a type, from its module's `fields` (so a module needs no import of the registry). */
export type QuestionOf<T extends string, F extends Fields> = {
  id: string;
  type: T;
  prompt: z.output<typeof LocalizedText>;
  required?: boolean | undefined;
  showIf?: ShowIf | undefined;
} & z.output<z.ZodObject<ReturnType<F>>>;

/** Bounds of a scored question, both included. */
export type Scale = { min: number; max: number };

/** An answer as stored: a score, a text or option ids (exactly one set). */
export type Stored = { num: number | null; text: string | null; choices: string[] | null };

/** What `check` makes of a value: the stored form, an issue (why it is refused), or null for a skip. */
export type Checked = Stored | { issue: string } | null;

/** The headline metric a type feeds (the survey's first question of the type), if any. */
export type MetricKey = 'nps' | 'csat' | 'ces';

/** The score a drop alert watches over a window: NPS, CSAT % satisfied, or the mean. */
export type ScoreKind = 'nps' | 'csat' | 'mean';

/** What the results read for one question (the Worker fills it from rollups or the scan). */
export type QuestionData = {
  /** answers per value, index = value (0..10) */
  histogram: readonly number[];
  /** answers per option id */
  options: ReadonlyMap<string, number>;
  sentiment: { positive: number; neutral: number; negative: number };
};

/**
 * The statistics a result needs, passed in by the caller (the Worker) rather than imported: the
 * registry also serves the dashboard's schemas, and an import here put the t-quantile library
 * (~70 KB) into the dashboard's first load.
 */
export type ResultStats = { meanWithCi: typeof import('../metrics').meanWithCi };

/** The type's part of its results (the shape is `QuestionResult` in the contract). */
export type ResultPart = Partial<
  Pick<z.output<typeof QuestionResult>, 'distribution' | 'mean' | 'options' | 'sentiment'>
>;

/**
 * One type's module. Methods (not arrow properties) so a module's narrower question type fits.
 * The registry checks every module against this, so a missing part is a type error.
 */
export interface QuestionModule<Q = never> {
  fields: Fields;
  /** scored types: the values an answer may take */
  scale?(q: Q): Scale;
  /** checks and normalises one answer (the collector's second line after the body schema) */
  check(q: Q, value: AnswerValue): Checked;
  /** the value of `?a=ID:RAW` on an invitation link, or null when the type takes none */
  fromParam(raw: string): number | string[] | null;
  result(q: Q, data: QuestionData, stats: ResultStats): ResultPart;
  metric?: MetricKey;
  score?: ScoreKind;
  /** choice types: the options (follow-up rules on them, a label in every language) */
  options?(q: Q): readonly { id: string; label: Record<string, string> }[];
  /** text answers are scored for sentiment (alerts on sentiment apply) */
  sentiment?: true;
  /** what a new question of the type starts with besides id and prompt (the editor's draft) */
  starter?(): Record<string, unknown>;
  /** the follow-up rule the editor proposes on an answer to this question ("NPS 0–6") */
  followUp(q: Q): Omit<ShowIf, 'questionId'>;
}
