import { useEffect } from 'preact/hooks';
import { getResults } from '../../../shared/contract/results';
import { metricFedBy } from '../../../shared/questions/registry';
import { STAGES } from '../../../shared/schemas/common';
import { announce } from '../announce';
import { type CallInput, useEndpoint } from '../api';
import { Distribution } from '../components/distribution';
import { EmptyPeriod } from '../components/empty-period';
import { MetricCard } from '../components/metric-card';
import { MetricCell } from '../components/metric-cell';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import { TrendChart } from '../components/trend-chart';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import { MIN_ANSWERS, metricOf, metricsAsked } from '../metric';
import { coarserGrouping, periodsBetween } from '../periods';
import { useSiteTime } from '../site-time';
import type { Interval, MetricKey, Results, Stage } from '../types';
import './overview.css';
import { useTouchpointName } from '../touchpoint-name';

/** The results call for the current filters (shared by overview, segments and drop-off). */
export function resultsInput(p: ViewProps, extra: { by?: string } = {}): CallInput<typeof getResults> | null {
  return p.survey ? resultsInputFor(p.survey.id, p.dates, p.filters, extra) : null;
}

export function resultsInputFor(
  surveyId: string,
  dates: ViewProps['dates'],
  filters: ViewProps['filters'],
  extra: { by?: string } = {},
): CallInput<typeof getResults> {
  return {
    params: { id: surveyId },
    query: {
      from: dates.from,
      to: dates.to,
      interval: dates.interval,
      touchpoint: filters.touchpoint,
      segment: filters.segment,
      locale: filters.language,
      channel: filters.channel,
      ...extra,
    },
  };
}

const READY_MARK = 'seda:overview-ready';
/** Touchpoint rows that fit on the one-page printed report (the rest are counted, not listed). */
const PRINT_ROWS = 12;

/** Touchpoints in journey order (stage, then most responses); those without a stage last. */
function byJourney<T extends { stage: Stage | null; responses: number }>(rows: readonly T[]): T[] {
  const at = (s: Stage | null) => (s ? STAGES.indexOf(s) : STAGES.length);
  return [...rows].sort((a, b) => at(a.stage) - at(b.stage) || b.responses - a.responses);
}

export function Overview(props: ViewProps) {
  const i18n = useI18n();
  const tpName = useTouchpointName();
  const { t } = i18n;
  const q = useEndpoint(getResults, resultsInput(props));
  const r = q.data;
  const asked = metricsAsked(props.survey);
  const trend = useTrendGrouping(props, r, asked);
  // The first time the cards show numbers, mark it (the dashboard-first-render bench reads this).
  const ready = !!r && !q.loading;
  useEffect(() => {
    if (ready && !performance.getEntriesByName(READY_MARK).length) {
      requestAnimationFrame(() => performance.mark(READY_MARK));
    }
  }, [ready]);
  useEffect(() => {
    if (r) announce(t('announceResults', { responses: i18n.int(r.responses) }));
  }, [r]);
  if (!props.survey) return null;
  return (
    <div class="overview" data-state={q.loading ? 'loading' : r ? 'ready' : 'empty'} aria-busy={q.loading}>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {r && (
          <>
            {r.responses === 0 && <EmptyPeriod />}
            <section aria-labelledby="scores-h" class="block">
              <h2 id="scores-h">{t('scores')}</h2>
              <div class="cards" style={{ '--cols': String(Math.max(1, asked.length)) }}>
                {asked.map((k) => (
                  <MetricCard
                    key={k}
                    metric={k}
                    current={metricOf(r.metrics, k)}
                    previous={r.previous ? metricOf(r.previous.metrics, k) : null}
                    comparison={r.comparison?.[k] ?? null}
                    previousRange={r.range.previous}
                  />
                ))}
              </div>
              <Funnel r={r} />
            </section>
            <section aria-labelledby="trends-h" class="block">
              <h2 id="trends-h">{t('trends')}</h2>
              {trend.from && trend.data && (
                <p class="notice small" data-grouped={trend.data.range.interval}>
                  {t('trendGroupedCoarser', {
                    interval: t(`interval.${trend.data.range.interval}`).toLocaleLowerCase(i18n.locale),
                    finer: t(`interval.${trend.from}`).toLocaleLowerCase(i18n.locale),
                    min: i18n.int(MIN_ANSWERS),
                  })}
                </p>
              )}
              <Trends r={trend.data ?? r} metrics={asked} />
            </section>
            <section aria-labelledby="dist-h" class="block no-print">
              <h2 id="dist-h">{t('distributions')}</h2>
              <div class="dists">
                {asked.map((k) => {
                  const question = r.questions.find((x) => metricFedBy(x.type) === k);
                  return question ? <Distribution key={k} metric={k} question={question} /> : null;
                })}
              </div>
            </section>
            {r.touchpoints.length > 0 && (
              <section aria-labelledby="tp-h" class="block">
                <h2 id="tp-h">{t('byTouchpoint')}</h2>
                <TableWrap label={t('byTouchpointCaption')}>
                  <table class="data">
                    <caption class="sr-only">{t('byTouchpointCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('touchpointCol')}</th>
                        <th scope="col">{t('stageCol')}</th>
                        <th scope="col" class="num">
                          {t('responses')}
                        </th>
                        {asked.map((k) => (
                          <th key={k} scope="col">
                            {t(`metric.${k}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {byJourney(r.touchpoints).map((tp) => (
                        <tr key={tp.key}>
                          <th scope="row">{tp.key ? tpName(tp.key, tp.name) : t('noTouchpoint')}</th>
                          <td>{tp.stage ? t(`stage.${tp.stage}`) : t('none')}</td>
                          <td class="num">{i18n.int(tp.responses)}</td>
                          {asked.map((k) => (
                            <MetricCell key={k} metric={k} m={metricOf(tp, k)} />
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
                {r.touchpoints.length > PRINT_ROWS && (
                  <p class="print-only small muted">
                    {t('printMore', { count: i18n.int(r.touchpoints.length - PRINT_ROWS) })}
                  </p>
                )}
              </section>
            )}
            {r.source && <p class="muted small source-note">{t('source', { source: t(`source.${r.source}`) })}</p>}
          </>
        )}
      </Status>
    </div>
  );
}

/**
 * The results whose trend the charts draw. With the grouping left to the dashboard, a chart where
 * every period has too few answers ("Last 7 days" by day, 20 answers a day) is regrouped by week,
 * then by month, and says so (`from`: the grouping given up), instead of showing an empty chart.
 * A grouping the user chose is kept as chosen.
 */
function useTrendGrouping(
  p: ViewProps,
  r: Results | undefined,
  metrics: readonly MetricKey[],
): { data: Results | undefined; from: Interval | null } {
  const auto = !p.filters.interval;
  const input = (interval: Interval | null) =>
    interval && p.survey ? resultsInputFor(p.survey.id, { ...p.dates, interval }, p.filters) : null;
  const c1 = auto && r ? coarserGrouping(r.trend, metrics, r.range.interval) : null;
  const q1 = useEndpoint(getResults, input(c1));
  const r1 = c1 && q1.data?.range.interval === c1 ? q1.data : undefined;
  const c2 = r1 ? coarserGrouping(r1.trend, metrics, r1.range.interval) : null;
  const q2 = useEndpoint(getResults, input(c2));
  const r2 = c2 && q2.data?.range.interval === c2 ? q2.data : undefined;
  const coarse = r2 ?? r1;
  return coarse && r ? { data: coarse, from: r.range.interval } : { data: r, from: null };
}

function Funnel({ r }: { r: Results }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rate = (a: number, b: number) => (b ? i18n.pct((a / b) * 100) : t('none'));
  return (
    <dl class="funnel" aria-label={t('funnelSummary')}>
      <div>
        <dt>{t('shown')}</dt>
        <dd>{i18n.int(r.shown)}</dd>
      </div>
      <div>
        <dt>{t('responses')}</dt>
        <dd>{i18n.int(r.responses)}</dd>
      </div>
      <div>
        <dt>{t('completed')}</dt>
        <dd>{i18n.int(r.completed)}</dd>
      </div>
      <div>
        <dt>{t('responseRate')}</dt>
        <dd>{rate(r.responses, r.shown)}</dd>
      </div>
      <div>
        <dt>{t('completionRate')}</dt>
        <dd>{rate(r.completed, r.responses)}</dd>
      </div>
    </dl>
  );
}

function Trends({ r, metrics }: { r: Results; metrics: readonly MetricKey[] }) {
  const byPeriod = new Map(r.trend.map((p) => [p.period, p]));
  const { calendar } = useSiteTime();
  const periods = periodsBetween(r.range.from, r.range.to, r.range.interval, calendar);
  for (const p of r.trend) if (!periods.includes(p.period)) periods.push(p.period);
  periods.sort();
  return (
    <div class="trends" style={{ '--cols': String(Math.max(1, metrics.length)) }}>
      {metrics.map((k) =>
        r.metrics[k] || r.trend.some((p) => p[k]) ? (
          <TrendChart
            key={k}
            id={`trend-${k}`}
            metric={k}
            interval={r.range.interval}
            rangeTo={r.range.to}
            points={periods.map((period) => ({ period, m: byPeriod.get(period)?.[k] ?? null }))}
          />
        ) : null,
      )}
    </div>
  );
}
