import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { type AnyMetric, formatCi, formatValue, headline, MIN_ANSWERS, SCALE } from '../metric';
import { periodEnd, periodLabel } from '../periods';
import { useSiteTime } from '../site-time';
import type { Interval, MetricKey } from '../types';
import { useWidth } from './use-width';
import './trend-chart.css';

export type TrendInput = { period: string; m: AnyMetric | null };

type Props = { metric: MetricKey; points: TrendInput[]; interval: Interval; rangeTo: string; id: string };

const H = 214;
/** The bottom padding holds the "too few answers" lane (under the axis, outside the value scale) and the labels. */
const PAD = { top: 12, bottom: 44, start: 46, end: 14 };
const LANE = 8;
const MIN_SPAN: Record<MetricKey, number> = { nps: 20, csat: 10, ces: 0.6 };

/**
 * A metric over time with its 95% band. Periods with too few answers are gaps in the line and the
 * band, marked grey in a lane under the axis, outside the value scale, so a mark never reads as a
 * score of −100 (their numbers are not worth drawing). Time runs in reading order:
 * right to left in RTL. The same data is offered as a table.
 */
export function TrendChart({ metric, points, interval, rangeTo, id }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const ref = useRef<HTMLDivElement>(null);
  const W = Math.max(260, useWidth(ref));
  const rtl = i18n.dir === 'rtl';

  const good = points.filter((p) => p.m?.enough) as { period: string; m: AnyMetric }[];
  const [sLo, sHi] = SCALE[metric];
  let lo = sLo;
  let hi = sHi;
  if (good.length) {
    lo = Math.min(...good.map((p) => p.m.ci95[0]));
    hi = Math.max(...good.map((p) => p.m.ci95[1]));
    const span = Math.max(hi - lo, MIN_SPAN[metric]);
    const mid = (hi + lo) / 2;
    lo = Math.max(sLo, mid - span * 0.6);
    hi = Math.min(sHi, mid + span * 0.6);
  }
  let ticks = niceTicks(lo, hi, 4);
  // Round tick values may reach past the data, never past the scale.
  lo = Math.max(sLo, Math.min(lo, ticks[0] ?? lo));
  hi = Math.min(sHi, Math.max(hi, ticks[ticks.length - 1] ?? hi));
  ticks = ticks.filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);

  const innerW = W - PAD.start - PAD.end;
  const innerH = H - PAD.top - PAD.bottom;
  const n = points.length;
  const xl = (i: number) => PAD.start + (n <= 1 ? innerW / 2 : (i * innerW) / (n - 1));
  const x = (i: number) => (rtl ? W - xl(i) : xl(i));
  const y = (v: number) => PAD.top + innerH - ((v - lo) / (hi - lo || 1)) * innerH;
  const axisX = rtl ? W - PAD.start + 6 : PAD.start - 6;
  const anchorY = rtl ? 'start' : 'end';
  const gx0 = rtl ? PAD.end : PAD.start;
  const gx1 = rtl ? W - PAD.start : W - PAD.end;
  const laneY = PAD.top + innerH + 9;
  const hasFew = points.some((p) => p.m && !p.m.enough);

  // Runs of consecutive periods with enough answers.
  const runs: number[][] = [];
  let cur: number[] = [];
  points.forEach((p, i) => {
    if (p.m?.enough) cur.push(i);
    else if (cur.length) {
      runs.push(cur);
      cur = [];
    }
  });
  if (cur.length) runs.push(cur);

  const m = (i: number) => points[i]!.m!;
  const line = (run: number[]) =>
    run.map((i, k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)},${y(headline(m(i))).toFixed(1)}`).join('');
  const band = (run: number[]) =>
    `${run.map((i, k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)},${y(m(i).ci95[1]).toFixed(1)}`).join('')}${[...run]
      .reverse()
      .map((i) => `L${x(i).toFixed(1)},${y(m(i).ci95[0]).toFixed(1)}`)
      .join('')}Z`;

  const labelEvery = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(innerW / 72))));
  const { calendar } = useSiteTime();
  const label = (p: string) => periodLabel(i18n, p, interval, calendar);
  const fmt = (v: number) => formatValue(i18n, metric, v);
  const metricName = t(`metric.${metric}`);
  const intervalName = t(`interval.${interval}`);
  const summary = good.length
    ? t('trendSummary', {
        metric: metricName,
        interval: intervalName,
        count: i18n.int(good.length),
        min: fmt(Math.min(...good.map((p) => headline(p.m)))),
        max: fmt(Math.max(...good.map((p) => headline(p.m)))),
        latest: fmt(headline(good[good.length - 1]!.m)),
      })
    : t('trendSummaryEmpty', { metric: metricName, interval: intervalName });

  return (
    <figure class={`card trend trend-${metric}`} aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} class="card-title">
        {t('trendTitle', { metric: metricName, interval: intervalName })}
      </figcaption>
      <div ref={ref} class="chart-box">
        <svg
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          // Coordinates are mirrored by hand for RTL; text anchors stay physical (left/right).
          direction="ltr"
          role="img"
          aria-label={summary}
          class="chart"
          data-points={good.length}
        >
          {ticks.map((v) => (
            <g key={v} class="tick">
              <line x1={gx0} x2={gx1} y1={y(v)} y2={y(v)} class={v === 0 && metric === 'nps' ? 'grid zero' : 'grid'} />
              <text x={axisX} y={y(v) + 4} text-anchor={anchorY} class="axis-label">
                {fmt(v)}
              </text>
            </g>
          ))}
          {runs.map((run) => (
            <path key={`b${run[0]}`} d={band(run)} class="band" />
          ))}
          {runs.map((run) =>
            run.length > 1 ? (
              <path key={`l${run[0]}`} d={line(run)} class="line" />
            ) : (
              <line
                key={`w${run[0]}`}
                x1={x(run[0]!)}
                x2={x(run[0]!)}
                y1={y(m(run[0]!).ci95[0])}
                y2={y(m(run[0]!).ci95[1])}
                class="whisker"
              />
            ),
          )}
          {points.map((p, i) => {
            const tip = `${label(p.period)}: ${
              !p.m
                ? t('noAnswers')
                : p.m.enough
                  ? `${fmt(headline(p.m))} (${formatCi(i18n, metric, p.m.ci95)}), ${t('nEquals', { n: i18n.int(p.m.n) })}`
                  : t('tooFewShort', { n: i18n.int(p.m.n) })
            }`;
            if (p.m?.enough)
              return (
                <circle key={p.period} cx={x(i)} cy={y(headline(p.m))} r={3.5} class="dot">
                  <title>{tip}</title>
                </circle>
              );
            if (p.m)
              return (
                <rect key={p.period} x={x(i) - LANE / 2} y={laneY} width={LANE} height={LANE} rx={2} class="few">
                  <title>{tip}</title>
                </rect>
              );
            return null;
          })}
          <line x1={gx0} x2={gx1} y1={PAD.top + innerH} y2={PAD.top + innerH} class="axis" />
          {hasFew && (
            <text x={axisX} y={laneY + LANE - 1} text-anchor={anchorY} class="axis-label few-label">
              {t('fewLane')}
            </text>
          )}
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text
                key={p.period}
                x={x(i)}
                y={H - 8}
                text-anchor={
                  n > 1 && i === 0 ? (rtl ? 'end' : 'start') : n > 1 && i === n - 1 ? (rtl ? 'start' : 'end') : 'middle'
                }
                class="axis-label"
              >
                {label(p.period)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      {good.length === 0 && points.some((p) => p.m) && (
        <p class="notice small">{t('trendNoneEnough', { interval: intervalName, min: i18n.int(MIN_ANSWERS) })}</p>
      )}
      <p class="legend-line small muted">
        <span class="swatch band-swatch" aria-hidden="true" /> {t('trendLegendBand')}
        {i18n.sep}
        <span class="swatch few-swatch" aria-hidden="true" /> {t('trendLegendFew', { min: i18n.int(MIN_ANSWERS) })}
      </p>
      <details class="data-table">
        <summary>{t('showTable')}</summary>
        <table>
          <caption class="sr-only">{t('trendTitle', { metric: metricName, interval: intervalName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('periodCol')}</th>
              <th scope="col">{t('scoreCol')}</th>
              <th scope="col">{t('intervalCol')}</th>
              <th scope="col">{t('nCol')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period}>
                <th scope="row">
                  {interval === 'day'
                    ? i18n.day(p.period)
                    : t('rangeSummary', {
                        from: i18n.day(p.period),
                        to: i18n.day(periodEnd(p.period, interval, rangeTo, calendar)),
                      })}
                </th>
                <td>{!p.m ? t('none') : p.m.enough ? fmt(headline(p.m)) : t('tooFew')}</td>
                <td>{p.m?.enough ? formatCi(i18n, metric, p.m.ci95) : t('none')}</td>
                <td>{i18n.int(p.m?.n ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** About `count` round tick values covering [lo, hi]. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((s) => s * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}
