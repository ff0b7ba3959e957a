import { useI18n } from '../i18n';

/** Switches between English and Persian; the button names the other language in that language. */
export function LocaleToggle({ toggle }: { toggle: () => void }) {
  const { t, locale } = useI18n();
  const other = locale === 'fa' ? 'en' : 'fa';
  return (
    <button type="button" class="btn btn-quiet" onClick={toggle} lang={other} data-action="locale">
      {t('switchLanguage')}
    </button>
  );
}
