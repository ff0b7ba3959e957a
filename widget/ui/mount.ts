import { h, render } from 'preact';
import type { Answer } from '../../shared/schemas/response';
import type { PublicSurvey } from '../../shared/schemas/survey';
import { surveyLocale } from '../core/locale';
import type { LoadUi, MountOptions } from '../core/runtime';
import { set } from '../core/store';
import { speaks } from '../i18n/strings';
import { App } from './app';
import { responder } from './send';
import css from './styles.css?inline';

/**
 * The editor preview's additions: in flow inside its container, at any width. Kept out of the
 * visitor's bundle (only renderPreview refers to it).
 */
const PREVIEW_CSS =
  ':host([data-pv]){position:static!important}.p.pv{position:relative;inset:auto;translate:none;margin:auto;width:380px;max-width:100%}';

/** A shadow root with our own styles, applied in a way a strict CSP allows (no inline <style>). */
function shadow(host: HTMLElement, text = css): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // browsers without constructable stylesheets (Safari before 16.4): a <style> element
    const el = document.createElement('style');
    el.textContent = text;
    root.appendChild(el);
  }
  return root;
}

const editable = (el: Element | null): boolean =>
  !!el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || (el as HTMLElement).isContentEditable);

/**
 * Shows a survey on the page. The loader knows only its targeting: the survey itself (questions,
 * prompts, theme) is fetched here, by id and version (a new version is a new URL for the HTTP cache).
 * If the collector answers anything but the survey, nothing shows and the loader may show another.
 */
export function mount(o: MountOptions): void {
  fetch(`${o.api}/v1/sites/${o.site}/surveys/${o.survey.id}?v=${o.survey.version}`)
    .then((r) => (r.ok ? r.json() : Promise.reject()))
    .then((s: PublicSurvey) => draw(s, o))
    .catch(o.onClose);
}

/**
 * A fixed panel in its own shadow root, outside the page's layout. Posts the impression, then every
 * answer (same response id). Focus moves in (unless the visitor is typing in a field) and returns where
 * it was on close. The work is spread over tasks so none is long on a slow phone: this one makes the
 * shadow root and parses its stylesheet, the next renders the panel's frame off the page (reading the
 * page's colour scheme before anything of ours dirties its style) and then puts it on the page,
 * invisible; the App draws the rest over the next frames, one part each, then shows it, moves focus
 * and has the impression posted (ui/app.tsx).
 */
function draw(survey: PublicSurvey, o: MountOptions): void {
  const locale = surveyLocale(survey, o.locales);
  // A script-tag bundle holds one language: a survey shown in another is drawn by that language's.
  if (!speaks(locale)) {
    (window as unknown as { seda: { l: LoadUi } }).seda.l(locale.split('-')[0]!).then((ui) => ui.mount(o), o.onClose);
    return;
  }
  // the config copy older loaders kept (the HTTP cache keeps it now)
  set(`seda:c:${o.site}`, undefined);
  const host = document.createElement('seda-w');
  const root = shadow(host);
  let closed = false;
  // Refused by the contact policy (409: this person answered elsewhere lately): the panel just goes
  // away, focus back where it was; nothing to tell the visitor.
  const post = responder(o, locale, () => onClose());
  let before: HTMLElement | null;
  const onClose = () => {
    if (closed) return;
    closed = true;
    const had = root.activeElement;
    render(null, root);
    host.remove();
    if (had && before?.isConnected && before !== document.body) before.focus();
    o.onClose();
  };
  // drawn in the next task: parsing the stylesheet and rendering are each a good part of one
  setTimeout(() => {
    before = document.activeElement as HTMLElement | null;
    render(
      h(App, {
        survey,
        locale,
        grab: !editable(before),
        onAnswer(answers, completed) {
          if (completed) o.onDone();
          post(answers, completed);
        },
        onClose,
        onShow: () => closed || post([], false),
      }),
      root,
    );
    document.documentElement.appendChild(host);
  });
}

/** Resends what an earlier page view left in the outbox. */
export { flush } from './send';

export interface PreviewOptions {
  locale: string;
  mode: 'light' | 'dark';
  onAnswer?: (answers: Answer[], completed: boolean) => void;
}

/**
 * The editor's live preview: the same components, drawn in `container` (in flow, not fixed),
 * posting nothing. Returns a function that removes it. Call again to redraw with a changed survey.
 */
export function renderPreview(container: HTMLElement, survey: PublicSurvey, opts: PreviewOptions): () => void {
  let host = container.querySelector<HTMLElement>('seda-w[data-pv]');
  if (!host) {
    host = document.createElement('seda-w');
    host.dataset.pv = '';
    shadow(host, css + PREVIEW_CSS);
    container.appendChild(host);
  }
  const root = host.shadowRoot!;
  const draw = () =>
    render(
      h(App, {
        key: Math.random(),
        survey,
        locale: opts.locale,
        mode: opts.mode,
        preview: true,
        onAnswer: (a, c) => opts.onAnswer?.(a, c),
        onClose: () => setTimeout(draw, 300),
      }),
      root,
    );
  draw();
  return () => {
    render(null, root);
    host.remove();
  };
}
