import { useI18n } from '../i18n';
import { setupHash } from '../route';

/** A view with no answers in its period says what to do next, with the way to do it one click away. */
export function EmptyPeriod() {
  const { t } = useI18n();
  return (
    <p class="notice" data-empty-period>
      {t('noDataNext')} <a href={setupHash({ view: 'install' })}>{t('openInstall')}</a>
    </p>
  );
}
