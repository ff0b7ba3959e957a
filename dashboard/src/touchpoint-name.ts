import { listTouchpoints } from '../../shared/contract/touchpoints';
import { useEndpoint } from './api';
import { useI18n } from './i18n';
import type { TouchpointDef } from './types';

/** A touchpoint's name in the dashboard's language, else its default name. */
export const touchpointName = (tp: Pick<TouchpointDef, 'name' | 'names'>, locale: string): string =>
  tp.names?.[locale] ?? tp.name;

/**
 * Names touchpoints in the dashboard's language wherever an API reply carries only the default
 * name (results, journey): one cached read of the site's touchpoints, shared by every caller.
 */
export function useTouchpointName(): (key: string, fallback?: string) => string {
  const { locale } = useI18n();
  const q = useEndpoint(listTouchpoints, {}, 'low');
  const byKey = new Map((q.data?.items ?? []).map((t) => [t.key, t]));
  return (key, fallback) => {
    const tp = byKey.get(key);
    return tp ? touchpointName(tp, locale) : (fallback ?? key);
  };
}
