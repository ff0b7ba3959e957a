import { useI18n } from '../i18n';
import { type AnyMetric, ciBounds, formatDelta, formatValue, headline, MIN_ANSWERS } from '../metric';
import type { Comparison, MetricKey } from '../types';
import './metric-card.css';

type Props = {
  metric: MetricKey;
  current: AnyMetric | null;
  previous: AnyMetric | null;
  comparison: Comparison | null;
  previousRange?: { from: string; to: string };
};

/** One headline score: value, 95% interval, n and the change against the previous period. */
export function MetricCard({ metric, current, previous, comparison, previousRange }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const hid = `card-${metric}-h`;
  return (
    <article class={`card metric-card metric-${metric}`} aria-labelledby={hid} data-metric={metric}>
      <h3 id={hid} class="card-title">
        <span class="metric-abbr">{t(`metric.${metric}`)}</span>
        <span class="metric-long">{t(`metricLong.${metric}`)}</span>
      </h3>
      {!current ? (
        <p class="value value-none" data-value="none">
          {t('noAnswers')}
        </p>
      ) : !current.enough ? (
        <>
          <p class="value value-few" data-value="too-few">
            {t('tooFew')}
          </p>
          <p class="muted">{t('tooFewDetail', { n: i18n.int(current.n), min: i18n.int(MIN_ANSWERS) })}</p>
        </>
      ) : (
        <>
          <p class="value" data-value={String(headline(current))}>
            {formatValue(i18n, metric, headline(current))}
          </p>
          <p class="ci">{t('ci95', ciBounds(i18n, metric, current.ci95))}</p>
          <p class="n">{t('nEquals', { n: i18n.int(current.n) })}</p>
          <Delta metric={metric} previous={previous} comparison={comparison} />
          {'promoters' in current && <NpsSplit m={current} />}
        </>
      )}
      {previousRange && current?.enough && (
        <p class="muted small">
          {t('comparedWith', { from: i18n.day(previousRange.from), to: i18n.day(previousRange.to) })}
        </p>
      )}
      <p class="hint">{t(`metricHint.${metric}`)}</p>
    </article>
  );
}

function Delta({
  metric,
  previous,
  comparison,
}: {
  metric: MetricKey;
  previous: AnyMetric | null;
  comparison: Comparison | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!comparison) {
    return (
      <p class="delta delta-unknown" data-significant="unknown">
        {t('deltaUnknown')}
        {previous && !previous.enough ? ` (${t('tooFewShort', { n: i18n.int(previous.n) })})` : ''}
      </p>
    );
  }
  const { delta, p, significant } = comparison;
  const dir = delta > 0 ? 'up' : delta < 0 ? 'down' : 'unchanged';
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
  const tone = !significant ? 'flat' : delta > 0 ? 'good' : 'bad';
  return (
    <p class={`delta delta-${tone}`} data-significant={significant ? 'yes' : 'no'}>
      <span aria-hidden="true" class="arrow">
        {arrow}
      </span>{' '}
      <span class="sr-only">{t(dir)} </span>
      <strong dir="ltr" class="num">
        {formatDelta(i18n, metric, delta)}
      </strong>{' '}
      {t('vsPrevious')}
      {previous && <span class="muted"> ({formatValue(i18n, metric, headline(previous))})</span>}
      <br />
      <span class={significant ? 'sig' : 'nosig'}>
        {t(significant ? 'deltaSignificant' : 'deltaNotSignificant', { p: i18n.pValue(p) })}
      </span>
    </p>
  );
}

function NpsSplit({ m }: { m: { n: number; promoters: number; passives: number; detractors: number } }) {
  const i18n = useI18n();
  const { t } = i18n;
  const parts = [
    ['promoters', m.promoters],
    ['passives', m.passives],
    ['detractors', m.detractors],
  ] as const;
  return (
    <div class="split">
      <div class="split-bar" aria-hidden="true">
        {parts.map(([k, c]) => (
          <span key={k} class={`seg seg-${k}`} style={{ inlineSize: `${(c / m.n) * 100}%` }} />
        ))}
      </div>
      <ul class="split-legend">
        {parts.map(([k, c]) => (
          <li key={k}>
            <span class={`swatch seg-${k}`} aria-hidden="true" />
            {t(k)} {i18n.pct((c / m.n) * 100)}
          </li>
        ))}
      </ul>
    </div>
  );
}
