// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory of the build (classic runtime: smaller)
import { h } from 'preact';
import type { QuestionOfType } from '../../../shared/questions/registry';
import { cesScale as scale } from '../../../shared/questions/scales';
import { pickText } from '../../core/locale';
import { type PartProps, Scale } from '../parts';

/** CES: numbers 1–7, the ends named by the question's labels or the widget's own. */
export const Ces = (p: PartProps<QuestionOfType<'ces'>>) => (
  <Scale
    {...p}
    {...scale()}
    style="numbers"
    lo={pickText(p.q.lowLabel, p.locale) || p.t.cesLo}
    hi={pickText(p.q.highLabel, p.locale) || p.t.cesHi}
  />
);
