import { LOCALE_NAMES, LOCALES, useChooseLocale, useI18n } from '../i18n';

/**
 * The dashboard's language: a labelled `<select>` (keyboard and screen readers know it), each
 * language named in itself and marked with its own `lang`, so a reader pronounces it right.
 */
export function LocalePicker() {
  const { t, locale } = useI18n();
  const choose = useChooseLocale();
  return (
    <label class="locale-picker">
      <span class="sr-only">{t('language')}</span>
      <select
        class="locale-select"
        data-action="locale"
        value={locale}
        onChange={(e) => choose(e.currentTarget.value as (typeof LOCALES)[number])}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
