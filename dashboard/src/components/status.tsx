import type { ComponentChildren } from 'preact';
import { NetworkError } from '../api';
import { useI18n } from '../i18n';

/**
 * Loading and error states for a block of the page, announced politely to screen readers. When a
 * re-read fails while the block still has something to show (its children), the numbers stay and a
 * notice says they may be out of date; offline, the block reads again when the connection returns.
 */
export function Status({
  loading,
  error,
  retry,
  children,
}: {
  loading: boolean;
  error?: Error;
  retry?: () => void;
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  const offline = error instanceof NetworkError;
  const message = offline ? t('offline') : t('errorPrefix', { message: error?.message ?? '' });
  if (error && children) {
    return (
      <>
        <div class="notice notice-stale" role="status" data-stale="yes">
          <p>
            {message} {t('staleNumbers')}
          </p>
          {retry && (
            <button type="button" class="btn btn-small" onClick={retry}>
              {t('retry')}
            </button>
          )}
        </div>
        {children}
      </>
    );
  }
  if (error) {
    return (
      <div class="notice notice-error" role="alert">
        <p>{message}</p>
        {retry && (
          <button type="button" class="btn" onClick={retry}>
            {t('retry')}
          </button>
        )}
      </div>
    );
  }
  if (loading && !children) {
    return (
      <p class="loading" role="status">
        {t('loading')}
      </p>
    );
  }
  return <>{children}</>;
}
