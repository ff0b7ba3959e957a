import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';

/**
 * A view whose code is fetched on first visit (a dynamic import: its own chunk beside the page).
 * Until it arrives the view says "Loading…"; a failed fetch (offline) offers to try again.
 */
export function lazyView(load: () => Promise<ComponentType<ViewProps>>): ComponentType<ViewProps> {
  let loaded: ComponentType<ViewProps> | undefined;
  let pending: Promise<ComponentType<ViewProps>> | undefined;
  const get = () => {
    pending ??= load().then(
      (c) => {
        loaded = c;
        return c;
      },
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    );
    return pending;
  };
  return function LazyView(props: ViewProps) {
    const { t } = useI18n();
    const [View, setView] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (View) return;
      let live = true;
      get().then(
        (c) => live && setView(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (View) return <View {...props} />;
    if (failed)
      return (
        <div class="notice notice-error" role="alert">
          <p>{t('offline')}</p>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t('retry')}
          </button>
        </div>
      );
    return (
      <p class="loading" role="status">
        {t('loading')}
      </p>
    );
  };
}
