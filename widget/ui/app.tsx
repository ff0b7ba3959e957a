// biome-ignore lint/correctness/noUnusedImports: h and Fragment are the JSX factory of the build (classic runtime: smaller)
import { Component, createRef, Fragment, h, type JSX } from 'preact';
import type { Answer, AnswerValue } from '../../shared/schemas/response';
import type { PublicSurvey } from '../../shared/schemas/survey';
import { isRtl, localDigits, pickText } from '../core/locale';
import { stringsFor } from '../i18n/strings';
import { type Answers, answerList, given, nextIndex, progress } from './logic';
import type { PartProps } from './parts';
import { PARTS } from './questions';

export interface AppProps {
  survey: PublicSurvey;
  locale: string;
  /** every answer given so far, in question order; `completed` once the last shown question is done */
  onAnswer(answers: Answer[], completed: boolean): void;
  onClose(): void;
  /** the panel is on screen, whole (the impression is posted then) */
  onShow?(): void;
  /** forced colour scheme (the editor preview); else the survey theme's, else the visitor's */
  mode?: 'light' | 'dark';
  /** drawn in flow inside a container, never closes by itself */
  preview?: boolean;
  /** focus the first control on show (not when the visitor is typing elsewhere on the page) */
  grab?: boolean;
  /** a value shown chosen, not yet sent, on the first question (the hosted page's `?a=`) */
  chosen?: AnswerValue;
}

interface State {
  /** index of the question shown, -1 for the thank-you step */
  i: number;
  a: Answers;
  /** chosen, not yet sent */
  d?: AnswerValue;
  /** the first appearance, step by step (one frame each): 0 the panel's frame, 1 the prompt, 2 the control, all hidden; 3 shown */
  v: number;
}

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
export function onColor(hex: string): string {
  const c = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  // black's contrast (l + 0.05) / 0.05 beats white's 1.05 / (l + 0.05) exactly when (l + 0.05)² > 0.0525
  return (l + 0.05) ** 2 > 0.0525 ? '#000' : '#fff';
}

const THANKS_MS = 5000;

/** Runs `f` in the task after the next frame (after the browser's style, layout and paint of what was drawn). */
const later = (f: () => void) => requestAnimationFrame(() => setTimeout(f));

/**
 * Whether "follow the visitor" means dark: the host page says it can be dark (its `color-scheme`, in CSS
 * or a meta tag) and the visitor's system prefers dark, or the page is dark only. A light-only page
 * (or one that declares nothing, so it renders light) gets a light panel even on a dark system.
 */
export function pageDark(): boolean {
  const s = `${getComputedStyle(document.documentElement).colorScheme} ${document.querySelector<HTMLMetaElement>('meta[name=color-scheme]')?.content}`;
  return /dark/.test(s) && (!/light/.test(s) || matchMedia('(prefers-color-scheme:dark)').matches);
}

/** One survey, one question at a time, then a thank-you step. Class, not hooks: hooks cost 1 KB. */
export class App extends Component<AppProps, State> {
  override state: State = {
    i: nextIndex(this.props.survey.questions, -1, {}),
    a: {},
    d: this.props.chosen,
    v: this.props.preview ? 3 : 0,
  };
  panel = createRef<HTMLDivElement>();
  /** "Follow the visitor": read once, when the panel is made */
  dark = pageDark();
  moved = false;
  timer?: ReturnType<typeof setTimeout>;

  /**
   * The first appearance is spread over four frames, so that neither the script that builds the panel
   * nor the browser's style and layout of it (mostly the first use of each of its fonts: size, weight,
   * and for Persian and Arabic the fallback font's lookup) is a long task on a slow phone. Invisible,
   * the panel's frame and progress, then the prompt, then the question's control; then it shows, as laid
   * out the frame before (its size does not change while it is visible: no layout shift). Focus moves in
   * the task after that frame: focus() then finds the layout done instead of forcing it, and the
   * impression is posted (`onShow`: the collector's work for it, and the browser's for the request, come
   * after the panel's frames, not amid them). (The editor's preview is drawn at once.)
   */
  override componentDidMount(): void {
    const step = () =>
      later(() => (this.state.v < 3 ? this.setState({ v: this.state.v + 1 }, step) : this.focus(true)));
    step();
  }

  override componentDidUpdate(_: AppProps, prev: State): void {
    if (prev.i === this.state.i) return;
    this.focus();
    if (this.state.i < 0 && !this.props.preview) this.timer = setTimeout(this.props.onClose, THANKS_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  /**
   * Focus: the panel itself when it appears (no control looks pre-selected; Tab reaches the first; and
   * the panel is shown: `onShow`),
   * then the first control of each question the visitor moves to, then the thank-you text.
   */
  focus(first?: boolean): void {
    const p = this.panel.current;
    if (first) {
      if (this.props.grab) p?.focus();
      this.props.onShow?.();
    } else if (this.moved) p?.querySelector<HTMLElement>('[tabindex="0"],textarea,.t')?.focus();
  }

  send = (v: AnswerValue | undefined): void => {
    const { survey, onAnswer } = this.props;
    const { i } = this.state;
    const qs = survey.questions;
    const a = { ...this.state.a };
    if (given(v)) a[qs[i]!.id] = v;
    else delete a[qs[i]!.id];
    const next = nextIndex(qs, i, a);
    const list = answerList(qs, a);
    // Skipping everything is not a completion: nothing is sent, and the survey may be asked again later.
    if (given(v) || (next < 0 && list.length)) onAnswer(list, next < 0);
    this.moved = true;
    this.setState({ i: next, a, d: undefined });
  };

  render({ survey, locale, mode, preview, onClose }: AppProps, { i, a, d, v }: State) {
    const qs = survey.questions;
    const t = stringsFor(locale);
    const rtl = isRtl(locale);
    const theme = survey.theme ?? {};
    const color = theme.color ?? '#4f46e5';
    // Physical corners, as the editor labels them: bottom-right is the start side in right-to-left.
    const pos = theme.position;
    const m = mode ?? theme.mode;
    const dark = m === 'dark' || (m !== 'light' && this.dark);
    const q = qs[i];
    const now = q && given(d) ? { ...a, [q.id]: d } : a;
    const [at, of] = q ? progress(qs, i, now) : [0, 0];
    const props: PartProps | undefined = q && {
      q,
      locale,
      rtl,
      t,
      value: d,
      choose: (v) => this.setState({ d: v }),
      submit: this.send,
    };
    return (
      <div
        ref={this.panel}
        tabIndex={-1}
        role="dialog"
        aria-label={t.title}
        lang={locale}
        dir={rtl ? 'rtl' : 'ltr'}
        class={`p ${pos === 'center' ? 'c' : pos === 'bottom-left' ? 'bl' : ''}${dark ? ' d' : ''}${preview ? ' pv' : ''}${v > 2 ? '' : ' h'}`}
        style={{ '--c': color, '--on': onColor(color), '--r': `${theme.radius ?? 12}px` }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div class="g">
          {of > 1 ? t.of.replace('{a}', localDigits(at, locale)).replace('{b}', localDigits(of, locale)) : ''}
        </div>
        {q ? (
          <>
            {of > 1 && (
              <div class="bar" aria-hidden="true">
                <i style={{ width: `${((at - 1) / of) * 100}%` }} />
              </div>
            )}
            {v > 0 && (
              <p class="q" id="sq">
                {pickText(q.prompt, locale)}
              </p>
            )}
            {v > 1 && (
              <>
                {
                  // the type's component (TS cannot tie q.type to q: the props hold that type's question)
                  h(PARTS[q.type] as (p: PartProps) => JSX.Element, props!)
                }
                <div class="f">
                  <button type="button" class="b" disabled={!given(d) && q.required} onClick={() => this.send(d)}>
                    {given(d) ? (nextIndex(qs, i, now) < 0 ? t.send : t.next) : q.required ? t.next : t.skip}
                  </button>
                </div>
              </>
            )}
          </>
        ) : (
          <p class="q t" tabIndex={-1}>
            {pickText(survey.thankYou, locale) || t.thanks}
          </p>
        )}
        <button type="button" class="k" aria-label={t.close} onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </div>
    );
  }
}
