import type { ComponentChildren } from 'preact';
import { STAGES } from '../../../shared/schemas/common';
import { CHANNELS, type Channel } from '../../../shared/schemas/invitation';
import { type FilterName, VIEW_FILTERS, type ViewProps } from '../context';
import { useI18n } from '../i18n';
import { rangeLabel } from '../periods';
import { isRolling, RANGES, type RangePreset } from '../route';
import { siteToday, useSiteTime } from '../site-time';
import type { Interval } from '../types';
import './filter-bar.css';
import { useTouchpointName } from '../touchpoint-name';

/** The global filters, as native labelled controls; each change applies at once. */
export function FilterBar(props: ViewProps) {
  const i18n = useI18n();
  const tpName = useTouchpointName();
  const { t } = i18n;
  const { view, filters, surveys, touchpoints, segments, dates, setFilters } = props;
  const time = useSiteTime();
  const rolling = isRolling(filters.range);
  const uses = (f: FilterName) => (VIEW_FILTERS[view] as readonly string[]).includes(f);
  const notApplied = (
    [
      ['touchpoint', filters.touchpoint, t('touchpoint')],
      ['segment', filters.segment, t('segment')],
      ['language', filters.language, t('respondentLanguage')],
      ['channel', filters.channel, t('channel')],
    ] as const
  ).filter(([k, v]) => v && !uses(k));

  return (
    <section class="filters" aria-labelledby="filters-h">
      <h2 id="filters-h" class="sr-only">
        {t('filters')}
      </h2>
      <div class="filter-row">
        {uses('survey') && (
          <Field id="f-survey" label={t('survey')}>
            <select
              id="f-survey"
              value={props.survey?.id ?? ''}
              onChange={(e) => setFilters({ survey: e.currentTarget.value })}
            >
              {!props.survey && (
                <option value="" disabled>
                  {t('chooseSurvey')}
                </option>
              )}
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {i18n.nameOf(s)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="f-range" label={t('period')}>
          <select
            id="f-range"
            value={filters.range}
            onChange={(e) => {
              const range = e.currentTarget.value as RangePreset;
              setFilters(range === 'custom' ? { range, from: dates.from, to: dates.to } : { range });
            }}
          >
            {RANGES.map((r) => (
              <option key={r} value={r}>
                {t(`range.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {rolling && (
          // Today is not over: a rolling window counts whole days unless the user asks for today too.
          <label class="field field-check" for="f-today">
            <input
              id="f-today"
              type="checkbox"
              checked={!!filters.today}
              onChange={(e) => setFilters({ today: e.currentTarget.checked || undefined })}
            />
            <span>{t('includeToday')}</span>
          </label>
        )}
        {filters.range === 'custom' && (
          <>
            <Field id="f-from" label={t('from')} hint={i18n.locale === 'fa' ? i18n.day(dates.from) : undefined}>
              <input
                id="f-from"
                aria-describedby={i18n.locale === 'fa' ? 'f-from-hint' : undefined}
                type="date"
                value={dates.from}
                max={dates.to}
                onChange={(e) => e.currentTarget.value && setFilters({ from: e.currentTarget.value })}
              />
            </Field>
            <Field id="f-to" label={t('to')} hint={i18n.locale === 'fa' ? i18n.day(dates.to) : undefined}>
              <input
                id="f-to"
                aria-describedby={i18n.locale === 'fa' ? 'f-to-hint' : undefined}
                type="date"
                value={dates.to}
                min={dates.from}
                onChange={(e) => e.currentTarget.value && setFilters({ to: e.currentTarget.value })}
              />
            </Field>
          </>
        )}
        {uses('interval') && (
          <Field id="f-interval" label={t('interval')}>
            <select
              id="f-interval"
              value={dates.interval}
              onChange={(e) => setFilters({ interval: e.currentTarget.value as Interval })}
            >
              {(['day', 'week', 'month'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`interval.${v}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {uses('touchpoint') && (
          <Field id="f-touchpoint" label={t('touchpoint')}>
            <select
              id="f-touchpoint"
              value={filters.touchpoint ?? ''}
              onChange={(e) => setFilters({ touchpoint: e.currentTarget.value || undefined })}
            >
              <option value="">{t('allTouchpoints')}</option>
              {filters.touchpoint && !touchpoints.some((tp) => tp.key === filters.touchpoint) && (
                <option value={filters.touchpoint}>{filters.touchpoint}</option>
              )}
              {STAGES.map((stage) => {
                const list = touchpoints.filter((tp) => tp.stage === stage);
                return list.length ? (
                  <optgroup key={stage} label={t(`stage.${stage}`)}>
                    {list.map((tp) => (
                      <option key={tp.key} value={tp.key}>
                        {tpName(tp.key, tp.name)}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
            </select>
          </Field>
        )}
        {uses('segment') && (
          <Field id="f-segment" label={t('segment')}>
            <select
              id="f-segment"
              value={filters.segment ?? ''}
              onChange={(e) => setFilters({ segment: e.currentTarget.value || undefined })}
            >
              <option value="">{t('allSegments')}</option>
              {filters.segment &&
                !segments?.attributes.some((a) => a.values.some((v) => `${a.name}:${v.value}` === filters.segment)) && (
                  <option value={filters.segment}>{filters.segment}</option>
                )}
              {segments?.attributes.map((a) => (
                <optgroup key={a.name} label={a.name}>
                  {a.values.map((v) => (
                    <option key={v.value} value={`${a.name}:${v.value}`}>
                      {`${a.name}: ${v.value} (${i18n.int(v.count)})`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
        )}
        {uses('language') && (
          <Field id="f-language" label={t('respondentLanguage')}>
            <select
              id="f-language"
              value={filters.language ?? ''}
              onChange={(e) => setFilters({ language: e.currentTarget.value || undefined })}
            >
              <option value="">{t('allLanguages')}</option>
              {filters.language && !segments?.locales.some((l) => l.value === filters.language) && (
                <option value={filters.language}>{languageName(i18n.locale, filters.language)}</option>
              )}
              {segments?.locales.map((l) => (
                <option key={l.value} value={l.value}>
                  {`${languageName(i18n.locale, l.value)} (${i18n.int(l.count)})`}
                </option>
              ))}
            </select>
          </Field>
        )}
        {uses('channel') && (
          <Field id="f-channel" label={t('channel')}>
            <select
              id="f-channel"
              value={filters.channel ?? ''}
              onChange={(e) => setFilters({ channel: (e.currentTarget.value || undefined) as Channel | undefined })}
            >
              <option value="">{t('allChannels')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <p class="range-line">
        <span data-range-label>{rangeLabel(i18n.locale, dates.from, dates.to, time.calendar, siteToday(time))}</span>
        {rolling && (
          <span class="muted" data-range-today>
            {i18n.sep}
            {t(filters.today ? 'rangeWithToday' : 'rangeWholeDays')}
          </span>
        )}
        {notApplied.length > 0 && (
          <span class="muted">
            {' '}
            {i18n.sep}
            {t('filtersNotApplied', { names: i18n.list(notApplied.map(([, , name]) => name)) })}
          </span>
        )}
      </p>
    </section>
  );
}

/** A label above its control; `hint` (the Jalali date of a date input) is read after the label. */
function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

const names = new Map<string, Intl.DisplayNames>();
/** "fa" → "Persian" / "فارسی", falling back to the code. */
export function languageName(uiLocale: string, code: string): string {
  try {
    let dn = names.get(uiLocale);
    if (!dn) {
      dn = new Intl.DisplayNames([uiLocale], { type: 'language' });
      names.set(uiLocale, dn);
    }
    return dn.of(code) ?? code;
  } catch {
    return code;
  }
}
