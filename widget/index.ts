/**
 * Seda as an ES module, for single-page apps that bundle their own code:
 *
 *   import { init, identify, touchpoint, track, show } from 'seda/widget';
 *   init({ site: 'SITE_KEY', api: 'https://collector.example' });
 *   touchpoint('checkout');
 *
 * Same runtime as the script tag (targeting, triggers, delivery); the survey UI is a dynamic import
 * that your bundler splits into its own chunk. No globals are created. Calls made before `init`
 * are kept and run once it is called. Calling `init` again does nothing.
 */
import { type Command, type SedaOptions, start } from './core/runtime';

export type { MountOptions, SedaOptions, Ui } from './core/runtime';
export type InitOptions = SedaOptions;

let run: ((c: Command) => void) | undefined;
const early: Command[] = [];
const send = (c: Command) => (run ? run(c) : early.push(c));

export function init(options: InitOptions): void {
  if (run || typeof window === 'undefined') return;
  try {
    // the delivery chunk (`d`: resending what an earlier page view left) is the outbox sender alone;
    // `r` the URL and attribute rules
    run = start(
      options,
      (part) =>
        (part === 'd'
          ? import('./ui/send')
          : part === 'r'
            ? import('./core/rules').then((m) => m.rules)
            : import('./ui/mount')) as Promise<never>,
    );
    for (const c of early.splice(0)) run(c);
  } catch {
    // never break the host app
  }
}

/** What the host page's server proves about an `identify` id. */
export interface IdentifyOptions {
  /**
   * `hex(HMAC-SHA256(identitySecret, id))`, computed on your server: with the site's identity
   * verification on, an id without it is kept as an anonymous answer.
   */
  hash?: string;
}

/** Respondent id and segment attributes (flat: string, number or boolean values), and its `hash`. */
export const identify = (
  id: string,
  attributes?: Record<string, string | number | boolean>,
  options?: IdentifyOptions,
): void => void send(['identify', id, attributes, options]);
/** Where in the journey the app is now; re-evaluates targeting. */
export const touchpoint = (key: string): void => void send(['touchpoint', key]);
/** A custom event, which may trigger a survey. */
export const track = (name: string): void => void send(['track', name]);
/** Forces one survey now, ignoring targeting. */
export const show = (surveyId: string): void => void send(['show', surveyId]);
