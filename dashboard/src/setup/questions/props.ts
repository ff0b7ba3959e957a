import type { Loose } from '../editor/draft';

/** What the question editor gives a type's fields: the loose draft question, its path and errors. */
export type FieldsProps = {
  q: Loose;
  /** `questions.N`, the prefix of the fields' paths (errors are keyed by path) */
  p: string;
  langs: string[];
  errors: Map<string, string>;
  update: (fn: (q: Loose) => void) => void;
};
