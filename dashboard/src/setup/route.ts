import { useEffect, useState } from 'preact/hooks';

/**
 * The setup screens live beside the CX views in the same hash router: `#/surveys`, `#/editor/ID`,
 * `#/touchpoints`, `#/install`, `#/keys`. Anything else belongs to the dashboard's own router.
 */
export const SETUP_VIEWS = ['surveys', 'touchpoints', 'install', 'keys'] as const;
export type SetupView = (typeof SETUP_VIEWS)[number] | 'editor';
export type SetupRoute = { view: SetupView; id?: string };

export function parseSetupHash(hash: string): SetupRoute | null {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const [head, id] = path.split('/');
  if (head === 'editor' && id) return { view: 'editor', id: decodeURIComponent(id) };
  if ((SETUP_VIEWS as readonly string[]).includes(head ?? '')) return { view: head as SetupView };
  return null;
}

export const setupHash = (r: SetupRoute) => (r.id ? `#/${r.view}/${encodeURIComponent(r.id)}` : `#/${r.view}`);

export function useSetupRoute(): SetupRoute | null {
  const [route, setRoute] = useState(() => parseSetupHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseSetupHash(location.hash));
    addEventListener('hashchange', on);
    addEventListener('popstate', on);
    return () => {
      removeEventListener('hashchange', on);
      removeEventListener('popstate', on);
    };
  }, []);
  return route;
}
