import { listTouchpoints } from '../../shared/contract/touchpoints';
import { useEndpoint } from './api';
import { useI18n } from './i18n';

/**
 * Names touchpoints in the dashboard's language wherever an API reply carries only the default
 * name (results, journey): one cached read of the site's touchpoints, shared by every caller.
 */
export function useTouchpointName(): (key: string, fallback?: string) => string {
  const { nameOf } = useI18n();
  const q = useEndpoint(listTouchpoints, {}, 'low');
  const byKey = new Map((q.data?.items ?? []).map((t) => [t.key, t]));
  return (key, fallback) => {
    const tp = byKey.get(key);
    return tp ? nameOf(tp) : (fallback ?? key);
  };
}
