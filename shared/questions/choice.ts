/** One option (sent on pick) or several (`multiple`) out of 2–20; answers are option ids. */
import type { AnswerValue } from '../schemas/response';
import type { Blocks, Checked, QuestionData, QuestionOf } from './kind';

export const fields = ({ z, slug, text, messages }: Blocks) => ({
  multiple: z.boolean().optional(),
  options: z
    .array(z.strictObject({ id: slug, label: text }))
    .min(2)
    .max(20)
    .refine((o) => new Set(o.map((x) => x.id)).size === o.length, messages.optionIdsUnique),
});
type Q = QuestionOf<'choice', typeof fields>;

/** One id may come as a plain string; repeated ids count once. */
export function check(q: Q, value: AnswerValue): Checked {
  const v = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(v)) return { issue: 'expected option ids' };
  const known = new Set(q.options.map((o) => o.id));
  const bad = v.find((x) => !known.has(x));
  if (bad !== undefined) return { issue: `no option "${bad}"` };
  if (!q.multiple && v.length > 1) return { issue: 'this question takes one option' };
  return { num: null, text: null, choices: [...new Set(v)] };
}

/** `?a=ID:a,b`: option ids, comma-separated. */
export const fromParam = (raw: string): string[] => raw.split(',');

export const result = (q: Q, { options }: QuestionData) => ({
  options: q.options.map((o) => ({ id: o.id, label: o.label, count: options.get(o.id) ?? 0 })),
});

export const options = (q: Q) => q.options;

/** Two options to fill in. */
export const starter = () => ({
  options: [
    { id: 'a', label: {} },
    { id: 'b', label: {} },
  ],
});

/** its first option */
export const followUp = (q: Pick<Q, 'options'>) => ({ anyOf: [q.options?.[0]?.id].filter((x) => x !== undefined) });
