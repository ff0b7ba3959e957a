/**
 * Each question type's component, keyed by type: a type without one is a type error here. Its data
 * (scale, limits) comes from the type's module in shared/questions/; the words from i18n/.
 */
import type { JSX } from 'preact';
import type { QuestionOfType, QuestionType } from '../../../shared/questions/registry';
import type { PartProps } from '../parts';
import { Ces } from './ces';
import { Choice } from './choice';
import { Csat } from './csat';
import { Nps } from './nps';
import { Rating } from './rating';
import { Text } from './text';

export const PARTS: { [T in QuestionType]: (p: PartProps<QuestionOfType<T>>) => JSX.Element } = {
  nps: Nps,
  csat: Csat,
  ces: Ces,
  rating: Rating,
  choice: Choice,
  text: Text,
};
