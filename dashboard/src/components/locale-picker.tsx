import { LOCALE_NAMES, LOCALES, useChooseLocale, useI18n } from '../i18n';

/**
 * The dashboard's language: a labelled `<select>` (keyboard and screen readers know it), each
 * language named in itself and marked with its own `lang`, so a reader pronounces it right.
 */
export function LocalePicker() {
  const { t, locale } = useI18n();
  const choose = useChooseLocale();
  return (
    <>
      {/* a label apart from the select: wrapped, the select's chosen value would join its name */}
      <label for="locale-picker" class="sr-only">
        {t('language')}
      </label>
      <select
        id="locale-picker"
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
    </>
  );
}
