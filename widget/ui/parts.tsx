// biome-ignore lint/correctness/noUnusedImports: h and Fragment are the JSX factory of the build (classic runtime: smaller)
import { Fragment, h, type JSX } from 'preact';
import type { AnswerValue } from '../../shared/schemas/response';
import type { Question } from '../../shared/schemas/survey';
import { localDigits, pickText } from '../core/locale';
import type { Strings } from '../i18n/strings';

export interface PartProps {
  q: Question;
  locale: string;
  rtl: boolean;
  t: Strings;
  value: AnswerValue | undefined;
  /** a value chosen but not yet sent (arrow keys, checkboxes, typing) */
  choose(v: AnswerValue): void;
  /** chosen and sent: moves on */
  submit(v: AnswerValue): void;
}

const STAR = 'M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9z';

const Star = () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d={STAR} />
  </svg>
);

/** A face from frowning (1) to smiling (5), drawn so that no emoji font is needed (eyes: round caps). */
const Face = ({ v }: { v: number }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <circle cx="12" cy="12" r="10" />
    <path d={`M8.5 9.5h0M15.5 9.5h0M7.5 15.5Q12 ${15.5 + (v - 3) * 2} 16.5 15.5`} />
  </svg>
);

/**
 * Arrow keys move focus and the checked option (mirrored in right-to-left), Home/End jump; the
 * roving tabindex keeps the group a single Tab stop.
 */
function roving(rtl: boolean, values: readonly AnswerValue[], choose: (v: AnswerValue) => void) {
  return (e: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    const kids = Array.from(e.currentTarget.children) as HTMLElement[];
    const at = kids.indexOf(e.target as HTMLElement);
    const step: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: 1,
      ArrowUp: -1,
    };
    const n = values.length;
    let to = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : step[e.key] !== undefined ? at + step[e.key]! : -2;
    if (to === -2 || at < 0) return;
    // no wrapping: past either end stays there (from 0 in right-to-left, ArrowRight must not reach 10)
    to = Math.max(0, Math.min(n - 1, to));
    e.preventDefault();
    choose(values[to]!);
    kids[to]?.focus();
  };
}

/** nps, csat, ces and rating: one radio per score, named by its number in the locale's digits. */
export function Scale({ q, locale, rtl, t, value, choose, submit }: PartProps) {
  const min = q.type === 'nps' ? 0 : 1;
  const max = q.type === 'nps' ? 10 : q.type === 'ces' ? 7 : q.type === 'rating' ? (q.scale ?? 5) : 5;
  const style =
    q.type === 'csat' || q.type === 'rating' ? (q.style ?? (q.type === 'csat' ? 'faces' : 'stars')) : 'numbers';
  const values: number[] = [];
  for (let v = min; v <= max; v++) values.push(v);
  const [lo, hi] =
    q.type === 'csat'
      ? [t.csat[0], t.csat[4]]
      : q.type === 'nps'
        ? [pickText(q.lowLabel, locale) || t.npsLo, pickText(q.highLabel, locale) || t.npsHi]
        : q.type === 'ces'
          ? [pickText(q.lowLabel, locale) || t.cesLo, pickText(q.highLabel, locale) || t.cesHi]
          : [];
  const label = (v: number) => (q.type === 'csat' ? t.csat[v - 1] : v === min ? lo : v === max ? hi : '');
  const focusable = typeof value === 'number' ? value : min;
  return (
    <>
      <div
        role="radiogroup"
        aria-labelledby="sq"
        class={`s ${style}`}
        style={{ '--n': values.length }}
        onKeyDown={roving(rtl, values, choose)}
      >
        {values.map((v) => {
          const name = localDigits(v, locale);
          const l = label(v);
          const on = style === 'stars' ? typeof value === 'number' && v <= value : v === value;
          return (
            // biome-ignore lint/a11y/useSemanticElements: the APG radio group (buttons, roving tabindex) lets a click answer at once
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={v === value}
              aria-label={l ? `${name} – ${l}` : name}
              tabIndex={v === focusable ? 0 : -1}
              class={on ? 'on' : undefined}
              onClick={() => submit(v)}
            >
              {style === 'stars' ? <Star /> : style === 'faces' ? <Face v={v} /> : name}
            </button>
          );
        })}
      </div>
      {lo || hi ? (
        <div class="lb" aria-hidden="true">
          <span>{lo}</span>
          <span>{hi}</span>
        </div>
      ) : null}
    </>
  );
}

/** choice: radios (one answer, sent on pick) or checkboxes (several, sent with the button). */
export function Choice({ q, locale, rtl, value, choose, submit }: PartProps) {
  if (q.type !== 'choice') return null;
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

/** text: a textarea with the question's length limit and a counter in the locale's digits. */
export function Text({ q, locale, t, value, choose }: PartProps) {
  if (q.type !== 'text') return null;
  const text = typeof value === 'string' ? value : '';
  const max = q.maxLength ?? 1000;
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
