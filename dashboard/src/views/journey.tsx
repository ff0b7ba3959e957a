import { getJourney } from '../../../shared/contract/insights';
import { STAGES } from '../../../shared/schemas/common';
import { useEndpoint } from '../api';
import { MetricCell } from '../components/metric-cell';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import { bucketOf, formatCi, formatValue, headline, METRICS, MIN_ANSWERS } from '../metric';
import type { JourneyCell, MetricKey } from '../types';
import './journey.css';
import { useTouchpointName } from '../touchpoint-name';

export function Journey(props: ViewProps) {
  const i18n = useI18n();
  const tpName = useTouchpointName();
  const { t } = i18n;
  const { dates, filters, setFilters } = props;
  const colourBy: MetricKey = filters.metric ?? 'nps';
  const q = useEndpoint(getJourney, { query: { from: dates.from, to: dates.to } });
  const data = q.data;
  const byStage = new Map(data?.stages.map((s) => [s.stage, s.touchpoints]));
  const cells = new Map(data?.stages.flatMap((s) => s.touchpoints.map((c) => [c.key, c])));
  // The friction points are the API's (one rule, shared/friction.ts); the view only names them.
  const friction = data?.friction ?? [];
  const frictionKeys = new Set(friction.map((f) => f.key));

  return (
    <div class="journey" data-state={q.loading ? 'loading' : data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p class="muted">{t('journeyIntro')}</p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {data && (
          <>
            <section class="card friction" aria-labelledby="friction-h">
              <h2 id="friction-h">
                <span aria-hidden="true">⚠</span> {t('frictionPoints')}
              </h2>
              {friction.length ? (
                <>
                  <p class="muted small">{t('frictionIntro', { min: i18n.int(MIN_ANSWERS) })}</p>
                  <ul>
                    {friction.map((f) => (
                      <li key={f.metric} data-friction={f.metric}>
                        {t(`frictionOf.${f.metric}`, {
                          name: tpName(f.key, cells.get(f.key)?.name),
                          stage: t(`stage.${f.stage}`),
                          value: formatValue(i18n, f.metric, f.value),
                          n: i18n.int(cells.get(f.key)?.[f.metric]?.n ?? 0),
                        })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>{t('frictionNone')}</p>
              )}
            </section>

            <div class="journey-controls">
              <fieldset class="segmented">
                <legend>{t('colourBy')}</legend>
                {METRICS.map((k) => (
                  <label key={k}>
                    <input
                      type="radio"
                      name="colour-by"
                      value={k}
                      checked={colourBy === k}
                      onChange={() => setFilters({ metric: k }, true)}
                    />
                    <span>{t(`metric.${k}`)}</span>
                  </label>
                ))}
              </fieldset>
              <Legend />
            </div>

            <ol class="stages" aria-label={t('view.journey')}>
              {STAGES.map((stage) => {
                const cells = byStage.get(stage) ?? [];
                return (
                  <li key={stage} class="stage">
                    <h2 class="stage-title">{t(`stage.${stage}`)}</h2>
                    {cells.length === 0 ? (
                      <p class="muted small">{t('noTouchpointsInStage')}</p>
                    ) : (
                      <ul class="cells">
                        {cells.map((cell) => (
                          <Cell key={cell.key} cell={cell} colourBy={colourBy} friction={frictionKeys.has(cell.key)} />
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>

            <details class="data-table">
              <summary>{t('showTable')}</summary>
              <TableWrap label={t('journeyTableCaption')}>
                <table class="data">
                  <caption>{t('journeyTableCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('stageCol')}</th>
                      <th scope="col">{t('touchpointCol')}</th>
                      <th scope="col" class="num">
                        {t('nCol')}
                      </th>
                      {METRICS.map((k) => (
                        <th key={k} scope="col">
                          {t(`metric.${k}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.stages.flatMap((s) =>
                      s.touchpoints.map((cell) => (
                        <tr key={cell.key}>
                          <td>{t(`stage.${s.stage}`)}</td>
                          <th scope="row">{tpName(cell.key, cell.name)}</th>
                          <td class="num">{i18n.int(cell.n)}</td>
                          {METRICS.map((k) => (
                            <MetricCell key={k} metric={k} m={cell[k]} />
                          ))}
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          </>
        )}
      </Status>
    </div>
  );
}

function Cell({ cell, colourBy, friction }: { cell: JourneyCell; colourBy: MetricKey; friction: boolean }) {
  const i18n = useI18n();
  const tpName = useTouchpointName();
  const { t } = i18n;
  const b = bucketOf(colourBy, cell[colourBy]);
  return (
    <li
      class={`cell ${b === null ? 'bucket-none' : `bucket-${b}`}${friction ? ' is-friction' : ''}`}
      data-touchpoint={cell.key}
    >
      <h3 class="cell-name">
        {tpName(cell.key, cell.name)}
        {friction && <span class="badge badge-friction">{t('friction')}</span>}
      </h3>
      <dl class="cell-metrics">
        {METRICS.map((k) => {
          const m = cell[k];
          return (
            <div key={k} class={k === colourBy ? 'primary' : ''}>
              <dt>{t(`metric.${k}`)}</dt>
              <dd>
                {!m ? (
                  t('none')
                ) : m.enough ? (
                  <>
                    {formatValue(i18n, k, headline(m))}
                    {/* each score with its own interval and n: the cell's responses are not its n */}
                    <span class="cell-ci">
                      {formatCi(i18n, k, m.ci95)}
                      {i18n.sep}
                      {t('nEquals', { n: i18n.int(m.n) })}
                    </span>
                  </>
                ) : (
                  t('tooFewShort', { n: i18n.int(m.n) })
                )}
              </dd>
            </div>
          );
        })}
        <div class="cell-responses">
          <dt>{t('responsesShort')}</dt>
          <dd>{i18n.int(cell.n)}</dd>
        </div>
      </dl>
      <p class="sr-only">{b === null ? t('bucket.none') : t(`bucket.${b as 0 | 1 | 2 | 3 | 4}`)}</p>
    </li>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div class="legend" aria-hidden="true">
      <span class="legend-title">{t('legend')}:</span>
      {([0, 1, 2, 3, 4] as const).map((b) => (
        <span key={b} class={`legend-item bucket-${b}`}>
          {t(`bucket.${b}`)}
        </span>
      ))}
      <span class="legend-item bucket-none">{t('bucket.none')}</span>
    </div>
  );
}
