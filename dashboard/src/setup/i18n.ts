import { useMemo } from 'preact/hooks';
import { type Locale, useI18n } from '../i18n';
import { setupAr } from './i18n-ar';
import { type SetupKey, setupEn } from './i18n-en';
import { setupFa } from './i18n-fa';

export type { SetupKey };

const DICTS: Record<Locale, Record<SetupKey, string>> = { en: setupEn, fa: setupFa, ar: setupAr };

/**
 * `t` for the setup screens, with the dashboard's locale and number formatting for `{n}` params.
 * One object per locale, so hooks may depend on it (the editor's validation memo does).
 */
export function useSetupT() {
  const i18n = useI18n();
  return useMemo(() => {
    const dict = DICTS[i18n.locale];
    const st = (key: SetupKey, params?: Record<string, string | number>): string => {
      const s = dict[key] ?? setupEn[key] ?? key;
      if (!params) return s;
      return s.replace(/\{(\w+)\}/g, (m, name: string) => {
        const v = params[name];
        return v === undefined ? m : typeof v === 'number' ? i18n.int(v) : v;
      });
    };
    return { ...i18n, st };
  }, [i18n]);
}
