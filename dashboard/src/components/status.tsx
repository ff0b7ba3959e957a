import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';

/** Loading and error states for a block of the page, announced politely to screen readers. */
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
  if (error) {
    return (
      <div class="notice notice-error" role="alert">
        <p>{t('errorPrefix', { message: error.message })}</p>
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
