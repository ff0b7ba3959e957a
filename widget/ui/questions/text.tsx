// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory of the build (classic runtime: smaller)
import { h } from 'preact';
import type { QuestionOfType } from '../../../shared/questions/registry';
import { textMaxLength as maxLength } from '../../../shared/questions/scales';
import { localDigits, pickText } from '../../core/locale';
import type { PartProps } from '../parts';

/** text: a textarea with the question's length limit and a counter in the locale's digits. */
export function Text({ q, locale, t, value, choose }: PartProps<QuestionOfType<'text'>>) {
  const text = typeof value === 'string' ? value : '';
  const max = maxLength(q);
  return (
    <div class="x">
      <textarea
        aria-labelledby="sq"
        aria-describedby="sn"
        maxLength={max}
        rows={3}
        placeholder={pickText(q.placeholder, locale) || t.type}
        value={text}
        onInput={(e) => choose(e.currentTarget.value)}
      />
      <span id="sn" class="n">
        {localDigits(text.length, locale)}/{localDigits(max, locale)}
      </span>
    </div>
  );
}
