import { query, useQuery } from '../api';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import type { AtRiskItem } from '../types';

/** Identified detractors and people whose score fell: the call-back list. */
export function AtRisk(props: ViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { dates, surveys, touchpoints } = props;
  const q = useQuery<{ items: AtRiskItem[] }>(`/v1/at-risk${query({ from: dates.from, to: dates.to })}`);
  const surveyName = new Map(surveys.map((s) => [s.id, s.name]));
  const tpName = new Map(touchpoints.map((tp) => [tp.key, tp.name]));
  const items = q.data?.items ?? [];
  return (
    <div class="at-risk" data-state={q.loading ? 'loading' : q.data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p class="muted">{t('atRiskIntro')}</p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data &&
          (items.length === 0 ? (
            <p class="notice">{t('noAtRisk')}</p>
          ) : (
            <TableWrap label={t('atRiskCaption')}>
              <table class="data at-risk-table">
                <caption>{t('atRiskCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('respondentCol')}</th>
                    <th scope="col">{t('reasonCol')}</th>
                    <th scope="col" class="num">
                      {t('latestCol')}
                    </th>
                    <th scope="col" class="num">
                      {t('previousCol')}
                    </th>
                    <th scope="col">{t('touchpointCol')}</th>
                    <th scope="col">{t('survey')}</th>
                    <th scope="col">{t('commentCol')}</th>
                    <th scope="col">{t('whenCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((it) => (
                    <tr key={`${it.respondentId}:${it.surveyId}`}>
                      <th scope="row" class="mono" dir="ltr">
                        {it.respondentId}
                      </th>
                      <td>
                        <span class={`badge badge-${it.reason}`}>
                          {it.reason === 'detractor'
                            ? t('reason.detractor')
                            : t('reason.dropped', { drop: i18n.int(Math.abs(it.drop ?? 0)) })}
                        </span>
                      </td>
                      <td class="num">{i18n.int(it.latestScore)}</td>
                      <td class="num">
                        {typeof it.previousScore === 'number' ? i18n.int(it.previousScore) : t('none')}
                      </td>
                      <td>{it.touchpoint ? (tpName.get(it.touchpoint) ?? it.touchpoint) : t('none')}</td>
                      <td>{surveyName.get(it.surveyId) ?? it.surveyId}</td>
                      <td class="comment" dir="auto">
                        {it.lastComment ?? t('none')}
                      </td>
                      <td>
                        <time dateTime={new Date(it.at).toISOString()}>{i18n.day(it.at)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ))}
      </Status>
    </div>
  );
}
