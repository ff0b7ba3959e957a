import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n';

/**
 * A screen whose code loads on first use (a dynamic `import()`): the dashboard's first render never
 * carries it. While it loads, a polite "Loading…"; if it cannot load (offline), a retry.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      load().then(
        (c) => {
          loaded = c;
          if (live) setScreen(() => c);
        },
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (Screen) return <Screen {...props} />;
    return failed ? (
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
    ) : (
      <p class="loading" role="status">
        {t('loading')}
      </p>
    );
  };
}
