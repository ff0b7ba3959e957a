import { useEffect } from 'preact/hooks';
import { getResults } from '../../../shared/contract/results';
import { ALPHA } from '../../../shared/metrics';
import { CHANNELS, type Channel } from '../../../shared/schemas/invitation';
import { announce } from '../announce';
import { useEndpoint } from '../api';
import { languageName } from '../components/filter-bar';
import { MetricCell } from '../components/metric-cell';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import { type AnyMetric, formatValue, headline, metricOf, metricsAsked, SCALE } from '../metric';
import type { MetricKey } from '../types';
import { resultsInput } from './overview';
import './segments.css';

/** Any metric broken down by an identify() attribute, the respondent's language or the channel. */
export function Segments(props: ViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { segments, filters, setFilters } = props;
  const attrs = segments?.attributes.map((a) => a.name) ?? [];
  const by = filters.by ?? attrs[0] ?? 'locale';
  const asked = metricsAsked(props.survey);
  const metric: MetricKey = filters.metric && asked.includes(filters.metric) ? filters.metric : (asked[0] ?? 'nps');
  const q = useEndpoint(getResults, resultsInput(props, { by }));
  useEffect(() => {
    if (q.data) announce(t('announceCount', { count: i18n.int(q.data.segments?.items.length ?? 0) }));
  }, [q.data]);
  const items = q.data?.segments?.items ?? [];
  const byName = by === 'locale' ? t('localeAttribute') : by === 'channel' ? t('channel') : by;
  const label = (v: string, none?: boolean) =>
    none
      ? t('noValue')
      : by === 'locale'
        ? languageName(i18n.locale, v)
        : by === 'channel' && (CHANNELS as readonly string[]).includes(v)
          ? t(`channel.${v as Channel}`)
          : v;

  // Common axis for the interval chart: every shown item's interval, within the scale.
  const ms = items.map((it) => metricOf(it, metric)).filter((m): m is AnyMetric => !!m?.enough);
  const [sLo, sHi] = SCALE[metric];
  const lo = ms.length ? Math.max(sLo, Math.min(...ms.map((m) => m.ci95[0]))) : sLo;
  const hi = ms.length ? Math.min(sHi, Math.max(...ms.map((m) => m.ci95[1]))) : sHi;
  const pos = (v: number) => `${((v - lo) / (hi - lo || 1)) * 100}%`;

  // Groups significantly worse than the rest (Holm-adjusted across the table by the API).
  const worse = items.flatMap((it) =>
    asked.flatMap((k) => {
      const v = it.vsRest[k];
      const m = metricOf(it, k);
      return v && m?.enough && v.p < ALPHA && headline(m) < v.rest ? [{ it, k, m, v }] : [];
    }),
  );
  const pText = (p: number) => (p < 0.001 ? `p ${i18n.pValue(p)}` : `p = ${i18n.pValue(p)}`);

  if (!props.survey) return null;
  return (
    <div class="segments" data-state={q.loading ? 'loading' : q.data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <div class="view-controls">
        <div class="field">
          <label for="seg-by">{t('breakDownBy')}</label>
          <select id="seg-by" value={by} onChange={(e) => setFilters({ by: e.currentTarget.value })}>
            {attrs.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
            <option value="locale">{t('localeAttribute')}</option>
            <option value="channel">{t('channel')}</option>
          </select>
        </div>
        <fieldset class="segmented">
          <legend>{t('showCiFor')}</legend>
          {asked.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="seg-metric"
                checked={metric === k}
                onChange={() => setFilters({ metric: k }, true)}
              />
              <span>{t(`metric.${k}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {segments && attrs.length === 0 && <p class="notice">{t('noSegments')}</p>}
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data &&
          (items.length === 0 ? (
            <p class="notice">{t('noData')}</p>
          ) : (
            <>
              {worse.length ? (
                <div class="notice seg-worse" data-seg-worse>
                  <p>{t('segmentsWorseIntro')}</p>
                  <ul>
                    {worse.map(({ it, k, m, v }) => (
                      <li key={`${it.value}:${k}`}>
                        {t('segmentsWorseItem', {
                          name: label(it.value, it.none),
                          metric: t(`metric.${k}`),
                          value: formatValue(i18n, k, headline(m)),
                          rest: formatValue(i18n, k, v.rest),
                          n: i18n.int(m.n),
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p class="muted small" data-seg-worse="none">
                  {t('segmentsNoneWorse')}
                </p>
              )}
              <TableWrap label={t('segmentsCaption', { metric: t(`metric.${metric}`), by: byName })}>
                <table class="data segments-table">
                  <caption>{t('segmentsCaption', { metric: t(`metric.${metric}`), by: byName })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{byName}</th>
                      <th scope="col" class="num">
                        {t('responses')}
                      </th>
                      {asked.map((k) => (
                        <th key={k} scope="col" class={k === metric ? 'primary' : ''}>
                          {t(`metric.${k}`)}
                        </th>
                      ))}
                      <th scope="col" class="ci-col">
                        {t('segmentChartTitle', { metric: t(`metric.${metric}`), by: byName })}
                        <span class="ci-axis" aria-hidden="true">
                          <span>{formatValue(i18n, metric, lo)}</span>
                          <span>{formatValue(i18n, metric, hi)}</span>
                        </span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((it) => {
                      const m = metricOf(it, metric);
                      return (
                        <tr key={it.value} data-segment={it.none ? '(none)' : it.value}>
                          <th scope="row" dir="auto">
                            {label(it.value, it.none)}
                            {it.none && <span class="seg-note">{t('noValueNote', { by: byName })}</span>}
                          </th>
                          <td class="num">{i18n.int(it.responses)}</td>
                          {asked.map((k) => {
                            const v = it.vsRest[k];
                            const m = metricOf(it, k);
                            const sig =
                              v && m?.enough && v.p < ALPHA ? (headline(m) < v.rest ? 'worse' : 'better') : null;
                            return (
                              <MetricCell key={k} metric={k} m={m} tinted={k === metric}>
                                {sig && v && (
                                  <span class={`vs-rest vs-${sig}`} data-vs-rest={sig}>
                                    {t(`vsRest.${sig}`, { p: pText(v.p) })}
                                  </span>
                                )}
                              </MetricCell>
                            );
                          })}
                          <td class="ci-col" aria-hidden="true">
                            {m?.enough ? (
                              <span class="ci-track">
                                <span
                                  class="ci-range"
                                  style={{
                                    insetInlineStart: pos(m.ci95[0]),
                                    inlineSize: `calc(${pos(m.ci95[1])} - ${pos(m.ci95[0])})`,
                                  }}
                                />
                                <span class="ci-point" style={{ insetInlineStart: pos(headline(m)) }} />
                              </span>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            </>
          ))}
      </Status>
    </div>
  );
}
