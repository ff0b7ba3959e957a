import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { type AnyMetric, bucketOf, formatCi, formatValue, headline } from '../metric';
import type { MetricKey } from '../types';
import './metric-cell.css';

/** A metric in a table cell: the value with its interval and n, or "too few (n = 12)", or a dash. */
export function MetricCell({
  metric,
  m,
  tinted = false,
  children,
}: {
  metric: MetricKey;
  m: AnyMetric | null;
  tinted?: boolean;
  /** a line under the figure (a segment's comparison with the rest) */
  children?: ComponentChildren;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!m) return <td class="metric-cell none">{t('none')}</td>;
  if (!m.enough) return <td class="metric-cell few">{t('tooFewShort', { n: i18n.int(m.n) })}</td>;
  const b = tinted ? bucketOf(metric, m) : null;
  return (
    <td class={`metric-cell${b !== null ? ` bucket-${b}` : ''}`}>
      <span class="cell-value">{formatValue(i18n, metric, headline(m))}</span>
      <span class="cell-detail">
        {formatCi(i18n, metric, m.ci95)}
        {i18n.sep}
        {t('nEquals', { n: i18n.int(m.n) })}
      </span>
      {children}
    </td>
  );
}
