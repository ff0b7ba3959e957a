import { array, boolean, enum as enumOf, number, strictObject, z } from 'zod';
import { LocalizedText, Slug } from '../schemas/common';
import { MESSAGES } from '../schemas/messages';
import type { Blocks } from './kind';

/**
 * Show a question only when an earlier answer matches: a numeric answer within [min, max],
 * or a choice answer containing one of `anyOf`. E.g. "What should we improve?" for NPS 0–6.
 */
export const ShowIf = z
  .strictObject({
    questionId: Slug,
    min: z.number().optional(),
    max: z.number().optional(),
    anyOf: z.array(Slug).min(1).max(20).optional(),
  })
  .refine((r) => r.min !== undefined || r.max !== undefined || r.anyOf !== undefined, {
    message: MESSAGES.ruleNeedsBound,
  })
  // "at least 4 and at most 3" can never fire: refused instead of saved as a dead rule
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: MESSAGES.minNotOverMax,
    path: ['max'],
  });
export type ShowIf = z.infer<typeof ShowIf>;

/** What every question has, whatever its type. */
export const BASE = {
  id: Slug,
  prompt: LocalizedText,
  required: z.boolean().optional(),
  showIf: ShowIf.optional(),
};

/** The schema pieces a type module builds its fields from (passed in: type modules import no zod). */
export const BLOCKS: Blocks = {
  z: { array, boolean, enum: enumOf, number, strictObject },
  text: LocalizedText,
  slug: Slug,
  messages: MESSAGES,
};
