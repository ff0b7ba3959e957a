import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { isolate as isolateText, itemSeparator, numberFormatters } from '../../../shared/bidi';
import { en, type MessageKey } from './en';

export type { MessageKey };
export type Locale = 'en' | 'fa' | 'ar';

/** Every dashboard language, in the order the language picker offers them. */
export const LOCALES: readonly Locale[] = ['en', 'fa', 'ar'];
/** Each language's name in itself, for the picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fa: 'فارسی', ar: 'العربية' };
/** Languages written right to left. */
const RTL: ReadonlySet<Locale> = new Set(['fa', 'ar']);

const STORE = 'seda.locale';
const isLocale = (s: string | null | undefined): s is Locale => !!s && (LOCALES as readonly string[]).includes(s);

/** The saved choice, else the browser's language if the dashboard speaks it, else English. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORE);
    if (isLocale(saved)) return saved;
  } catch {
    /* no storage */
  }
  const browser = navigator.language?.toLowerCase().slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

/**
 * The dictionaries. English is in the first load (it is also every other language's fallback);
 * each other language is its own chunk, fetched when it is chosen (or saved) and before the
 * dashboard renders with it, so a visit pays for one language only.
 */
const DICTS: Partial<Record<Locale, Record<MessageKey, string>>> = { en };
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<Record<MessageKey, string>>> = {
  fa: () => import('./fa').then((m) => m.fa),
  ar: () => import('./ar').then((m) => m.ar),
};

/** Each language's Intl locale for dates in the Solar Hijri calendar. */
const PERSIAN_CALENDAR: Record<Locale, string> = {
  en: 'en-u-ca-persian',
  fa: 'fa-IR-u-ca-persian',
  ar: 'ar-u-ca-persian-nu-latn',
};

/** Fetches a language's dictionary if it is not loaded yet; `makeI18n` then uses it. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (DICTS[locale] || locale === 'en') return;
  DICTS[locale] = await LOADERS[locale]();
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORE, locale);
  } catch {
    /* no storage: the choice lasts for this page only */
  }
}

type Params = Record<string, string | number>;

export type I18n = ReturnType<typeof makeI18n>;

/**
 * Text and number/date formatting for one locale. Persian uses Persian digits (Intl 'fa') and the
 * Solar Hijri calendar (`fa-IR-u-ca-persian`); Arabic the Gregorian calendar and the digits CLDR
 * gives `ar` (Western digits since CLDR 42+; pinned, so an older browser's data does not mix
 * Arabic-Indic digits with the dictionary's). Days are `YYYY-MM-DD` in UTC and shown as such.
 * A language whose dictionary is not loaded yet (`loadLocale`) shows English text.
 */
export function makeI18n(locale: Locale) {
  const dict: Record<MessageKey, string> = DICTS[locale] ?? en;
  const intlLocale = locale === 'ar' ? 'ar-u-nu-latn' : locale;
  const dateLocale = locale === 'fa' ? 'fa-IR-u-ca-persian' : intlLocale;
  const rtl = RTL.has(locale);
  // Numbers, their signs and their isolation in right-to-left text: shared with the pages the
  // Worker writes (the share page), so both write "−12" the same way.
  const numbers = numberFormatters(intlLocale, rtl);
  const nf = numbers.nf;
  const dfCache = new Map<string, Intl.DateTimeFormat>();
  const df = (opts: Intl.DateTimeFormatOptions) => {
    const k = JSON.stringify(opts);
    let f = dfCache.get(k);
    if (!f) {
      f = new Intl.DateTimeFormat(dateLocale, { timeZone: 'UTC', ...opts });
      dfCache.set(k, f);
    }
    return f;
  };
  // The Persian calendar in any language (English names Jalali months in Latin letters, Arabic in
  // Arabic script: «آذر 1405 ه‍.ش»).
  const persianDf = (opts: Intl.DateTimeFormatOptions) => {
    const k = `persian${JSON.stringify(opts)}`;
    let f = dfCache.get(k);
    if (!f) {
      f = new Intl.DateTimeFormat(PERSIAN_CALENDAR[locale], {
        timeZone: 'UTC',
        ...opts,
      });
      dfCache.set(k, f);
    }
    return f;
  };
  const asDate = (d: string | number) =>
    typeof d === 'number' ? new Date(d) : /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : new Date(d);

  // In right-to-left text each inserted value is isolated (FSI…PDI), so a Latin name or a number
  // with its sign keeps its own order instead of being reordered with the Persian or Arabic around it.
  const isolate = (s: string) => isolateText(s, rtl);

  const t = (key: MessageKey, params?: Params): string => {
    const s = dict[key] ?? en[key] ?? key;
    if (!params) return s;
    return s.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = params[name];
      return v === undefined ? m : isolate(typeof v === 'number' ? nf({ maximumFractionDigits: 4 }).format(v) : v);
    });
  };

  // Between items on one line: the Arabic comma in right-to-left text ("·" reads as a zero there).
  const sep = itemSeparator(rtl);
  const lf = new Intl.ListFormat(intlLocale, { type: 'conjunction' });
  const rtf = new Intl.RelativeTimeFormat(intlLocale, { numeric: 'auto' });

  return {
    locale,
    sep,
    /** A value set inside this language's text (a name, a URL): isolated in right-to-left text. */
    isolate,
    /** Items joined as the language writes a list: "A, B and C" / «الف، ب و ج». */
    list: (items: readonly string[]) => lf.format(items),
    dir: (rtl ? 'rtl' : 'ltr') as 'rtl' | 'ltr',
    t,
    /** Whole number with grouping: 1,234 / ۱٬۲۳۴. */
    int: numbers.int,
    /** A number with up to `digits` decimals. */
    num: numbers.num,
    /** Fixed decimals (for means such as CES 5.40). */
    fixed: numbers.fixed,
    /** With a sign, except for zero: +42 / −3. */
    signed: numbers.signed,
    /** A percentage given as 0–100. */
    pct: numbers.pct,
    /** p-values: three decimals, or "< 0.001". */
    pValue: (p: number) => (p < 0.001 ? `< ${nf({}).format(0.001)}` : nf({ maximumFractionDigits: 3 }).format(p)),
    /** A day, e.g. "23 Nov 2026" / "۲ آذر ۱۴۰۵". */
    day: (d: string | number) => df({ year: 'numeric', month: 'short', day: 'numeric' }).format(asDate(d)),
    /** A day without the year, for chart axes. */
    shortDay: (d: string) => df({ month: 'short', day: 'numeric' }).format(asDate(d)),
    /**
     * Month and year of a month bucket in the site's calendar: a Jalali month by its Persian name
     * (in English too: "Farvardin 1405 AP"); a Gregorian one is labelled by its first day in Persian,
     * since it spans two Jalali months.
     */
    month: (d: string, calendar: 'gregorian' | 'persian' = 'gregorian') =>
      calendar === 'persian'
        ? persianDf({ year: 'numeric', month: 'short' }).format(asDate(d))
        : locale === 'fa'
          ? df({ year: 'numeric', month: 'short', day: 'numeric' }).format(asDate(d))
          : df({ year: 'numeric', month: 'short' }).format(asDate(d)),
    /** The year a year bucket starts in, in the site's calendar. */
    year: (d: string, calendar: 'gregorian' | 'persian' = 'gregorian') =>
      (calendar === 'persian' ? persianDf : df)({ year: 'numeric' }).format(asDate(d)),
    /** How long ago, in words: "3 minutes ago" / «۳ دقیقه پیش». */
    ago: (d: string | number, now = Date.now()) => {
      const s = Math.round((asDate(d).getTime() - now) / 1000);
      const [v, unit]: [number, Intl.RelativeTimeFormatUnit] =
        Math.abs(s) < 60
          ? [s, 'second']
          : Math.abs(s) < 3600
            ? [Math.round(s / 60), 'minute']
            : Math.abs(s) < 86_400
              ? [Math.round(s / 3600), 'hour']
              : [Math.round(s / 86_400), 'day'];
      return rtf.format(v, unit);
    },
    /** Date and time, for answers. */
    dateTime: (d: string | number) =>
      df({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(asDate(d)),
    /** A survey's or touchpoint's name in this language, else its default name. */
    nameOf: (x: { name: string; names?: Record<string, string> | undefined }): string => x.names?.[locale] ?? x.name,
    /** Text from a `{en, fa, …}` record: this locale, else English, else any. */
    pick: (text: Record<string, string> | string | undefined | null): string => {
      if (!text) return '';
      if (typeof text === 'string') return text;
      return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));
export const useI18n = () => useContext(I18nContext);

/** Switches the dashboard's language (the picker calls it): loads the dictionary, saves the choice. */
export const ChooseLocaleContext = createContext<(locale: Locale) => void>(() => {});
export const useChooseLocale = () => useContext(ChooseLocaleContext);
