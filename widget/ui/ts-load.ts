/**
 * Loads the Turnstile chunk (ui/turnstile.ts), only for sites that turn Turnstile on. This is the ES
 * module build's way (a dynamic import the bundler splits off); the script-tag build swaps this module
 * for ts-script.ts (see vite.config.ts).
 */
export const loadTurnstile = (): Promise<typeof import('./turnstile')> => import('./turnstile');
