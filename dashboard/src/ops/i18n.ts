import { useMemo } from 'preact/hooks';
import { type Locale, useI18n } from '../i18n';
import { opsAr } from './i18n-ar';
import { type OpsKey, opsEn } from './i18n-en';
import { opsFa } from './i18n-fa';

export type { OpsKey };

const DICTS: Record<Locale, Record<OpsKey, string>> = { en: opsEn, fa: opsFa, ar: opsAr };

/** `ot` for the operations screens and the case workflow, with the dashboard's locale and number formatting. */
export function useOpsT() {
  const i18n = useI18n();
  return useMemo(() => {
    const dict = DICTS[i18n.locale];
    const ot = (key: OpsKey, params?: Record<string, string | number>): string => {
      const s = dict[key] ?? opsEn[key] ?? key;
      if (!params) return s;
      return s.replace(/\{(\w+)\}/g, (m, name: string) => {
        const v = params[name];
        if (v === undefined) return m;
        const text = typeof v === 'number' ? i18n.int(v) : v;
        // isolated in right-to-left text, so a Latin name or a signed number keeps its order
        return i18n.dir === 'rtl' ? `\u2068${text}\u2069` : text;
      });
    };
    return { ...i18n, ot };
  }, [i18n]);
}
