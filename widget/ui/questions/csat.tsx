// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory of the build (classic runtime: smaller)
import { h } from 'preact';
import type { QuestionOfType } from '../../../shared/questions/registry';
import { csatScale as scale } from '../../../shared/questions/scales';
import { type PartProps, Scale } from '../parts';

/** CSAT: faces (unless the question says stars or numbers), every value named, the ends written under. */
export const Csat = (p: PartProps<QuestionOfType<'csat'>>) => (
  <Scale {...p} {...scale()} style={p.q.style ?? 'faces'} named={p.t.csat} lo={p.t.csat[0]} hi={p.t.csat[4]} />
);
