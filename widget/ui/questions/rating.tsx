// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory of the build (classic runtime: smaller)
import { h } from 'preact';
import type { QuestionOfType } from '../../../shared/questions/registry';
import { ratingScale as scale } from '../../../shared/questions/scales';
import { type PartProps, Scale } from '../parts';

/** Rating: stars (or numbers) from 1 to the question's scale, unlabelled. */
export const Rating = (p: PartProps<QuestionOfType<'rating'>>) => (
  <Scale {...p} {...scale(p.q)} style={p.q.style ?? 'stars'} />
);
