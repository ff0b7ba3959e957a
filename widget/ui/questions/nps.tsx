// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory of the build (classic runtime: smaller)
import { h } from 'preact';
import type { QuestionOfType } from '../../../shared/questions/registry';
import { npsScale as scale } from '../../../shared/questions/scales';
import { pickText } from '../../core/locale';
import { type PartProps, Scale } from '../parts';

/** NPS: numbers 0–10, the ends named by the question's labels or the widget's own. */
export const Nps = (p: PartProps<QuestionOfType<'nps'>>) => (
  <Scale
    {...p}
    {...scale()}
    style="numbers"
    lo={pickText(p.q.lowLabel, p.locale) || p.t.npsLo}
    hi={pickText(p.q.highLabel, p.locale) || p.t.npsHi}
  />
);
