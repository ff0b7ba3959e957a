import { isRtl } from '../../../../widget/core/locale';
import type { Survey } from '../../types';

/**
 * The editor works on a loose copy of the survey: a field may hold what the owner typed even when it
 * is not valid yet ("12a" in a number field), so SurveyInput can report it next to that field.
 */
// biome-ignore lint/suspicious/noExplicitAny: a draft is by definition not yet of the schema's type
export type Loose = any;

/** The editable part of a stored survey (what SurveyInput takes): no id, version or timestamps. */
export function draftOf(s: Survey): Loose {
  const { id, version, createdAt, updatedAt, ...rest } = s;
  return structuredClone(rest);
}

/** A clone changed by `fn` (drafts are small; structuredClone keeps the code plain). */
export function produce<T>(d: T, fn: (x: Loose) => void): T {
  const c = structuredClone(d);
  fn(c);
  return c;
}

/** Sets `obj[key]`, or deletes it when the value is undefined. */
export function put(obj: Loose, key: string | number, v: unknown): void {
  if (v === undefined) delete obj[key];
  else obj[key] = v;
}

/** Drops empty containers the owner left behind (`urls: {}`, `targeting: {}`) before validation. */
export function tidy(d: Loose): Loose {
  const c = structuredClone(d);
  const t = c.targeting;
  if (t) {
    if (t.urls) {
      for (const k of ['include', 'exclude']) if (Array.isArray(t.urls[k]) && t.urls[k].length === 0) delete t.urls[k];
      if (Object.keys(t.urls).length === 0) delete t.urls;
    }
    if (Array.isArray(t.touchpoints) && t.touchpoints.length === 0) delete t.touchpoints;
    if (Object.keys(t).length === 0) delete c.targeting;
  }
  if (c.theme && Object.keys(c.theme).length === 0) delete c.theme;
  if (c.thankYou && Object.keys(c.thankYou).length === 0) delete c.thankYou;
  if (c.names) {
    for (const k of Object.keys(c.names)) if (!String(c.names[k] ?? '').trim()) delete c.names[k];
    if (Object.keys(c.names).length === 0) delete c.names;
  }
  for (const q of c.questions ?? []) {
    for (const k of ['lowLabel', 'highLabel', 'placeholder']) if (q[k] && Object.keys(q[k]).length === 0) delete q[k];
  }
  return c;
}

/** The languages a survey is written in: its `locales`, else those of its prompts. */
export function langsOf(d: Loose): string[] {
  if (Array.isArray(d.locales) && d.locales.length) return d.locales;
  const s = new Set<string>();
  for (const q of d.questions ?? []) for (const k of Object.keys(q.prompt ?? {})) s.add(k);
  return s.size ? [...s] : ['en', 'fa'];
}

export const dirOf = (lang: string): 'rtl' | 'ltr' => (isRtl(lang) ? 'rtl' : 'ltr');

/** A fresh question of a type, keeping what the types share. */
export function retype(q: Loose, type: string): Loose {
  const base: Loose = { id: q.id, type, prompt: q.prompt ?? {} };
  if (q.required !== undefined) base.required = q.required;
  if (q.showIf) base.showIf = q.showIf;
  if (type === 'choice')
    base.options = q.options ?? [
      { id: 'a', label: {} },
      { id: 'b', label: {} },
    ];
  return base;
}
