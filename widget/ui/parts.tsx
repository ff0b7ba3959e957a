// biome-ignore lint/correctness/noUnusedImports: h and Fragment are the JSX factory of the build (classic runtime: smaller)
import { Fragment, h, type JSX } from 'preact';
import type { AnswerValue } from '../../shared/schemas/response';
import type { Question } from '../../shared/schemas/survey';
import { localDigits } from '../core/locale';
import type { Strings } from '../i18n/strings';

/** What the panel gives each question type's component (`questions/`). */
export interface PartProps<Q = Question> {
  q: Q;
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
export function roving(rtl: boolean, values: readonly AnswerValue[], choose: (v: AnswerValue) => void) {
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

/**
 * The scored types' control (each type's component in `questions/` says its range, look and labels):
 * one radio per score, named by its number in the locale's digits and its label, if any.
 */
export function Scale({
  locale,
  rtl,
  value,
  choose,
  submit,
  min,
  max,
  style,
  lo,
  hi,
  named,
}: PartProps<unknown> & {
  min: number;
  max: number;
  style: 'stars' | 'faces' | 'numbers';
  /** the words under the two ends */
  lo?: string;
  hi?: string;
  /** a word for every value (CSAT), else the ends are named by lo and hi */
  named?: string[];
}) {
  const values: number[] = [];
  for (let v = min; v <= max; v++) values.push(v);
  const label = (v: number) => (named ? named[v - min] : v === min ? lo : v === max ? hi : '');
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
          // (nothing chosen: `v <= undefined` is false)
          const on = style === 'stars' ? v <= (value as number) : v === value;
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
