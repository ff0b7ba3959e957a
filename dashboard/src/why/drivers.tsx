import './why.css';
import { useEffect } from 'preact/hooks';
import { type Driver, getDrivers } from '../../../shared/contract/why';
import { announce } from '../announce';
import { useEndpoint } from '../api';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { metricsAsked } from '../metric';
import { useWhyT, type WhyKey } from './i18n';
import { driverLabel } from './labels';

type Quadrant = 'fix' | 'keep' | 'low' | 'over';
type Target = 'nps' | 'csat' | 'ces';

/**
 * Key drivers of a score: the list (importance, 95% interval, n, "no evidence") and an importance ×
 * performance chart of the questions, whose quadrants say what to fix first. Every point is
 * numbered as in the table and its quadrant is written there too, so nothing rests on colour.
 */
export function Drivers(props: ViewProps) {
  const w = useWhyT();
  const { wt, t } = w;
  const { survey, dates, filters, setFilters, touchpoints } = props;
  const asked = metricsAsked(survey).filter((k): k is Target => k === 'nps' || k === 'csat' || k === 'ces');
  const target: Target = filters.target && asked.includes(filters.target) ? filters.target : (asked[0] ?? 'nps');
  const q = useEndpoint(
    getDrivers,
    survey ? { params: { id: survey.id }, query: { target, from: dates.from, to: dates.to } } : null,
  );
  useEffect(() => {
    if (q.data) announce(t('announceCount', { count: w.int(q.data.drivers.length) }));
  }, [q.data]);
  if (!survey) return null;
  const metric = t(`metric.${target}`);
  const drivers = q.data?.drivers ?? [];
  // The chart: questions only (their performance is a score; an option's or attribute's is a share).
  const plotted = drivers.filter((d) => d.kind === 'question' && typeof d.performance === 'number');
  const avgImp = plotted.length ? plotted.reduce((s, d) => s + Math.abs(d.importance), 0) / plotted.length : 0;
  const avgPerf = plotted.length ? plotted.reduce((s, d) => s + (d.performance ?? 0), 0) / plotted.length : 0;
  const quadrant = (d: Driver): Quadrant | undefined => {
    if (!plotted.includes(d)) return undefined;
    const hi = Math.abs(d.importance) >= avgImp;
    const good = (d.performance ?? 0) >= avgPerf;
    return hi ? (good ? 'keep' : 'fix') : good ? 'over' : 'low';
  };
  const pct = (v: number) => w.pct(v * 100, 1);
  const label = (d: Driver) => driverLabel(w, d, survey, touchpoints);

  return (
    <div class="why drivers" data-state={q.loading ? 'loading' : q.data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <div class="view-controls">
        <fieldset class="segmented">
          <legend>{wt('drivers.target')}</legend>
          {asked.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="drivers-target"
                checked={target === k}
                onChange={() => setFilters({ target: k }, true)}
              />
              <span>{t(`metric.${k}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p class="muted">{wt('drivers.intro', { metric })}</p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data &&
          (!q.data.enough ? (
            <p class="notice" data-not-enough>
              {wt('drivers.notEnough', { n: q.data.n, metric })}
            </p>
          ) : drivers.length === 0 ? (
            <p class="notice">{wt('drivers.none', { metric })}</p>
          ) : (
            <>
              <p>
                {wt('drivers.n', { n: q.data.n, metric })}
                {typeof q.data.r2 === 'number' && (
                  <>
                    {w.sep}
                    {wt('drivers.r2', { pct: w.pct(q.data.r2 * 100), metric })}
                  </>
                )}
              </p>
              <div class="drivers-layout">
                <section class="card" aria-labelledby="ipa-title">
                  <h2 id="ipa-title" class="card-title">
                    {wt('drivers.chartTitle')}
                  </h2>
                  {plotted.length ? (
                    <IpaChart
                      points={plotted.map((d) => ({
                        rank: drivers.indexOf(d) + 1,
                        x: d.performance ?? 0,
                        y: Math.abs(d.importance),
                        evidence: d.evidence,
                        label: label(d),
                      }))}
                      avgX={avgPerf}
                      avgY={avgImp}
                      metric={metric}
                    />
                  ) : (
                    <p class="muted">{wt('drivers.chartNone')}</p>
                  )}
                </section>
                <Method metric={metric} />
              </div>
              <TableWrap label={wt('drivers.caption', { metric })}>
                <table class="data drivers-table">
                  <caption>{wt('drivers.caption', { metric })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        #
                      </th>
                      <th scope="col">{wt('drivers.col.driver')}</th>
                      <th scope="col">{wt('drivers.col.kind')}</th>
                      <th scope="col" class="num">
                        {wt('drivers.col.importance')}
                      </th>
                      <th scope="col">{wt('drivers.col.ci')}</th>
                      <th scope="col" class="num">
                        {wt('drivers.col.n')}
                      </th>
                      <th scope="col" class="num">
                        {wt('drivers.col.performance')}
                      </th>
                      <th scope="col">{wt('drivers.col.quadrant')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drivers.map((d, i) => {
                      const quad = quadrant(d);
                      return (
                        <tr key={d.key} data-driver={d.key} data-evidence={d.evidence ? 'yes' : 'no'}>
                          <td class="num">{w.int(i + 1)}</td>
                          <th scope="row" dir="auto">
                            {label(d)}
                          </th>
                          <td>{wt(`drivers.kind.${d.kind}` as WhyKey)}</td>
                          <td class="num nowrap">
                            {d.evidence ? (
                              <>
                                <ImportanceBar value={d.importance} /> {pct(Math.abs(d.importance))}
                                {d.importance < 0 && <span class="small"> ({wt('drivers.lowers')})</span>}
                              </>
                            ) : (
                              <span class="badge badge-neutral" data-no-evidence>
                                {wt('drivers.noEvidence')}
                              </span>
                            )}
                          </td>
                          <td class="nowrap">{wt('drivers.range', { lo: pct(d.ci95[0]), hi: pct(d.ci95[1]) })}</td>
                          <td class="num">{w.int(d.n)}</td>
                          <td class="num">
                            {typeof d.performance === 'number' ? w.pct(d.performance * 100) : t('none')}
                          </td>
                          <td>
                            {quad ? (
                              <span class={`quadrant quadrant-${quad}`}>{wt(`quadrant.${quad}`)}</span>
                            ) : (
                              t('none')
                            )}
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

/** A short bar for an importance (0–100% of the explained variance), decorative: the number is beside it. */
function ImportanceBar({ value }: { value: number }) {
  return (
    <span class="imp-bar" aria-hidden="true">
      <span style={{ inlineSize: `${Math.min(100, Math.abs(value) * 100)}%` }} />
    </span>
  );
}

type Point = { rank: number; x: number; y: number; evidence: boolean; label: string };

/**
 * Performance across (0–1 of each question's scale), importance up, the averages dashed. In a
 * right-to-left page performance grows to the left, as the page reads. Quadrant names are written
 * in their corners; each point carries its rank and a title.
 */
function IpaChart({ points, avgX, avgY, metric }: { points: Point[]; avgX: number; avgY: number; metric: string }) {
  const w = useWhyT();
  const { wt } = w;
  const rtl = w.dir === 'rtl';
  const W = 420;
  const H = 300;
  const pad = { l: 14, r: 14, t: 26, b: 34 };
  const maxY = Math.max(avgY * 2, ...points.map((p) => p.y), 0.01) * 1.1;
  const x = (v: number) => {
    const along = pad.l + v * (W - pad.l - pad.r);
    return rtl ? W - along : along;
  };
  const y = (v: number) => H - pad.b - (v / maxY) * (H - pad.t - pad.b);
  const [left, right] = rtl ? ['end', 'start'] : ['start', 'end'];
  const lowX = rtl ? W - pad.l - 4 : pad.l + 4;
  const highX = rtl ? pad.r + 4 : W - pad.r - 4;
  return (
    <figure class="ipa">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        // positions are computed for both reading directions here; the text itself shapes either way
        direction="ltr"
        aria-labelledby="ipa-desc"
        class="ipa-chart"
        data-points={points.length}
      >
        <rect
          x={Math.min(x(0), x(1))}
          y={pad.t}
          width={W - pad.l - pad.r}
          height={H - pad.t - pad.b}
          class="ipa-frame"
        />
        <rect
          x={rtl ? x(avgX) : x(0)}
          y={pad.t}
          width={Math.abs(x(avgX) - x(0))}
          height={y(avgY) - pad.t}
          class="ipa-fix"
        />
        <line x1={x(avgX)} x2={x(avgX)} y1={pad.t} y2={H - pad.b} class="ipa-avg" />
        <line x1={x(0)} x2={x(1)} y1={y(avgY)} y2={y(avgY)} class="ipa-avg" />
        <text x={lowX} y={pad.t + 14} text-anchor={left} class="ipa-quad ipa-quad-fix">
          {wt('quadrant.fix')}
        </text>
        <text x={highX} y={pad.t + 14} text-anchor={right} class="ipa-quad">
          {wt('quadrant.keep')}
        </text>
        <text x={lowX} y={H - pad.b - 6} text-anchor={left} class="ipa-quad">
          {wt('quadrant.low')}
        </text>
        <text x={highX} y={H - pad.b - 6} text-anchor={right} class="ipa-quad">
          {wt('quadrant.over')}
        </text>
        <text x={W / 2} y={H - 8} text-anchor="middle" class="ipa-axis">
          {wt('drivers.axisX')}
        </text>
        <text x={rtl ? W - pad.l : pad.l} y={16} text-anchor={left} class="ipa-axis">
          {wt('drivers.axisY')}
        </text>
        {points.map((p) => (
          <g key={p.rank} class={`ipa-point ${p.evidence ? 'ipa-evidence' : 'ipa-none'}`} data-rank={p.rank}>
            <title>{`${w.int(p.rank)}. ${p.label}`}</title>
            <circle cx={x(p.x)} cy={y(p.y)} r={11} />
            <text x={x(p.x)} y={y(p.y) + 4} text-anchor="middle">
              {w.int(p.rank)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption id="ipa-desc" class="small">
        {wt('drivers.chartDesc', { metric })} {wt('drivers.legendEvidence')}
        {w.sep}
        {wt('drivers.legendNone')}.
      </figcaption>
    </figure>
  );
}

/** The method on one screen: what a row is, what importance means, where the interval comes from. */
function Method({ metric }: { metric: string }) {
  const { wt } = useWhyT();
  return (
    <section class="card method" aria-labelledby="method-title">
      <h2 id="method-title" class="card-title">
        {wt('drivers.methodTitle')}
      </h2>
      <ol>
        <li>{wt('drivers.method1', { metric })}</li>
        <li>{wt('drivers.method2')}</li>
        <li>{wt('drivers.method3')}</li>
        <li>{wt('drivers.method4')}</li>
      </ol>
    </section>
  );
}
