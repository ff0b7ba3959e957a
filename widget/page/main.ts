/**
 * s.js: the hosted survey page's script (the page is `GET /s/TOKEN`, worker/invitations/page.ts).
 * It draws the survey full page with the widget's own UI (ui/app.tsx, the same components and styles)
 * and posts through the widget's outbox (ui/send.ts, core/delivery.ts): stored first, retried with
 * backoff and on `online`, resent by the next visit, merged by response id, so an answer given on a
 * train arrives once.
 *
 * Its interface with the Worker is `PageConfig` (shared/page-config.ts), read from the page's JSON
 * data block. Nothing is posted before the visitor's first gesture on the page (a tap, a click, a key):
 * not the visit, not a `?a=` pre-answer. Mail security scanners fetch every link and some run its
 * scripts, but none taps; a person who came from the email's embedded question taps Next (or another
 * answer) and the chosen value is sent at that first touch.
 */
import { h, render } from 'preact';
import { PAGE_CONFIG_ID, type PageConfig } from '../../shared/page-config';
import type { Answer } from '../../shared/schemas/response';
import { App } from '../ui/app';
import { outbox, uuid, writeSecret } from '../ui/send';
import css from '../ui/styles.css?inline';
import { PAGE_CSS } from './page-css';

/** A shadow root styled with constructed stylesheets (the page's CSP allows no inline style). */
function shadow(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css + PAGE_CSS);
  root.adoptedStyleSheets = [sheet];
  return root;
}

function start(): void {
  const data = document.getElementById(PAGE_CONFIG_ID);
  const main = document.getElementById('seda-main');
  if (!data?.textContent || !main) return;
  const c = JSON.parse(data.textContent) as PageConfig;
  // The collector is the folder above /s/: the same origin, or a first-party prefix (/seda/s/TOKEN).
  const api = new URL('..', location.href).href.replace(/\/$/, '');
  const box = outbox(api, c.turnstile);
  // What an earlier visit could not send (offline) goes first.
  box.flush();
  const id = c.responseId ?? uuid();
  // An anonymous link's response is this visit's own: only this page may add to it. A personal link's
  // response is continued from any device that opens the link: its token is what allows that.
  const secret = c.responseId ? undefined : writeSecret();
  // No page URL in the body: it holds the token, and the response's path would keep it.
  const post = (answers: Answer[], completed: boolean) =>
    box.put({
      id,
      siteKey: c.site,
      surveyId: c.survey.id,
      invitation: c.token,
      answers,
      context: { locale: c.locale },
      completed,
      secret,
    });

  let touched = false;
  let answered = false;
  const first = () => {
    if (touched) return;
    touched = true;
    // The visit, with the pre-answer if there is one; answers given since supersede it.
    if (!answered) post(c.prefill ? [{ questionId: c.prefill.questionId, value: c.prefill.value }] : [], false);
  };
  for (const type of ['pointerdown', 'keydown', 'touchstart']) {
    addEventListener(type, first, { capture: true, once: true, passive: true });
  }

  const host = document.createElement('seda-w');
  main.replaceChildren(host);
  render(
    h(App, {
      survey: c.survey,
      locale: c.locale,
      grab: true,
      ...(c.prefill ? { chosen: c.prefill.value } : {}),
      onAnswer(answers, completed) {
        answered = true;
        post(answers, completed);
      },
      // A page is not closed: the thank-you stays.
      onClose() {},
    }),
    shadow(host),
  );
}

try {
  start();
} catch {
  // the noscript-like message stays; nothing is half drawn
}
