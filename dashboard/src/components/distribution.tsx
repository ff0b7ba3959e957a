import { useI18n } from '../i18n';
import type { MetricKey, QuestionResult } from '../types';
import './distribution.css';

/** Which band a score falls in, for colour (the numbers are always written too). */
function tone(metric: MetricKey, v: number): 'bad' | 'mid' | 'good' {
  if (metric === 'nps') return v <= 6 ? 'bad' : v <= 8 ? 'mid' : 'good';
  if (metric === 'csat') return v <= 2 ? 'bad' : v === 3 ? 'mid' : 'good';
  return v <= 3 ? 'bad' : v === 4 ? 'mid' : 'good';
}

/** Answers per score value as a table with bars (every value listed, zeros included). */
export function Distribution({ metric, question }: { metric: MetricKey; question: QuestionResult }) {
  const i18n = useI18n();
  const { t } = i18n;
  // every value of the scale, zeros included, as the API lists them (the scale is its type's module's)
  const counts = (question.distribution ?? []).map((d) => d.count);
  const total = question.answered;
  const max = Math.max(1, ...counts);
  const title = t('distributionOf', { metric: t(`metric.${metric}`) });
  return (
    <div class="card distribution">
      <table class="dist-table">
        <caption class="card-title">
          {title}
          <span class="muted small">
            {i18n.sep}
            {t('nEquals', { n: i18n.int(total) })}
          </span>
        </caption>
        <thead class="sr-only">
          <tr>
            <th scope="col">{t('valueCol')}</th>
            <th scope="col">{t('countCol')}</th>
            <th scope="col">{t('shareCol')}</th>
          </tr>
        </thead>
        <tbody>
          {(question.distribution ?? []).map(({ value: v, count: c }) => {
            return (
              <tr key={v}>
                <th scope="row" class="dist-value">
                  {i18n.int(v)}
                </th>
                <td class="dist-bar-cell">
                  <span class={`dist-bar tone-${tone(metric, v)}`} style={{ inlineSize: `${(c / max) * 100}%` }} />
                  <span class="dist-count">{i18n.int(c)}</span>
                </td>
                <td class="dist-share">{total ? i18n.pct((c / total) * 100) : t('none')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
