// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory of the build (classic runtime: smaller)
import { h } from 'preact';
import type { QuestionOfType } from '../../../shared/questions/registry';
import { pickText } from '../../core/locale';
import { type PartProps, roving } from '../parts';

/** choice: radios (one answer, sent on pick) or checkboxes (several, sent with the button). */
export function Choice({ q, locale, rtl, value, choose, submit }: PartProps<QuestionOfType<'choice'>>) {
  const ids = q.options.map((o) => o.id);
  const picked = Array.isArray(value) ? value : [];
  const multi = q.multiple;
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: group and radiogroup both take a name (the role is dynamic)
    // biome-ignore lint/a11y/noStaticElementInteractions: the role is dynamic (group or radiogroup)
    <div
      role={multi ? 'group' : 'radiogroup'}
      aria-labelledby="sq"
      class="o"
      onKeyDown={
        multi
          ? undefined
          : roving(
              rtl,
              ids.map((id) => [id]),
              choose,
            )
      }
    >
      {q.options.map((o, i) => {
        const on = picked.includes(o.id);
        return (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: role is checkbox or radio (dynamic), both take aria-checked
          <button
            key={o.id}
            type="button"
            role={multi ? 'checkbox' : 'radio'}
            aria-checked={on}
            tabIndex={multi || (picked.length ? on : i === 0) ? 0 : -1}
            class={on ? 'on' : undefined}
            onClick={() => (multi ? choose(on ? picked.filter((x) => x !== o.id) : [...picked, o.id]) : submit([o.id]))}
          >
            <i aria-hidden="true" />
            {pickText(o.label, locale)}
          </button>
        );
      })}
    </div>
  );
}
