/**
 * Each question type's fields in the survey editor, keyed by type: a type without an entry is a type
 * error here (null: the type has no fields of its own). What the fields mean, their limits and a new
 * question's starting values are in the type's module in shared/questions/.
 */
import type { JSX } from 'preact';
import { type QuestionType, typeScale } from '../../../../shared/questions/registry';
import type { SetupKey } from '../i18n';
import { ChoiceFields } from './choice';
import { EndLabels } from './labels';
import type { FieldsProps } from './props';
import { RatingFields } from './rating';
import { CsatFields } from './style';
import { TextFields } from './text';

export type { FieldsProps };

/** A type's name in the editor, with its scale where the name states one ("NPS (0–10)"). */
export const typeName = (st: (key: SetupKey, params?: Record<string, number>) => string, type: string): string =>
  st(`type.${type}` as SetupKey, typeScale(type as QuestionType) ?? undefined);

export const FIELDS: Record<QuestionType, ((props: FieldsProps) => JSX.Element) | null> = {
  nps: EndLabels,
  csat: CsatFields,
  ces: EndLabels,
  rating: RatingFields,
  choice: ChoiceFields,
  text: TextFields,
};
