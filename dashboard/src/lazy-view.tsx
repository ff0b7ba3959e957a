import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NetworkError } from './api';
import { Status } from './components/status';

/**
 * A screen whose code is fetched on its first visit (a file under /dashboard/assets/), so the first
 * load carries the shell and the overview only: on a phone, most of the set-up screens' code would
 * otherwise be parsed and never run. A failed fetch is the network's doing (the files are ours and
 * immutable): it reads as "offline", with a retry, and retries by itself when the connection returns.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const get = () => {
    pending ??= load().then(
      (c) => {
        loaded = c;
        return c;
      },
      () => {
        pending = undefined; // the next attempt fetches again
        throw new NetworkError();
      },
    );
    return pending;
  };

  return function Lazy(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<Error>();
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (View) return;
      let live = true;
      setError(undefined);
      get().then(
        (c) => live && setView(() => c),
        (e: Error) => live && setError(e),
      );
      const online = () => setAttempt((a) => a + 1);
      addEventListener('online', online);
      return () => {
        live = false;
        removeEventListener('online', online);
      };
    }, [attempt]);
    if (View) return <View {...props} />;
    return <Status loading={!error} error={error} retry={() => setAttempt((a) => a + 1)} />;
  };
}
