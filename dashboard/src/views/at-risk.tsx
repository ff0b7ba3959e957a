import { useEffect, useState } from 'preact/hooks';
import { getAtRisk } from '../../../shared/contract/insights';
import { announce } from '../announce';
import { useEndpoint } from '../api';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import { toHash } from '../route';
import type { AtRiskItem, CaseStatus } from '../types';
import { CustomerLink } from '../why/customer-link';
import { useWhyT } from '../why/i18n';
import { CaseAction } from './case-action';
import './at-risk.css';

const PAGE = 50;

/**
 * Identified detractors and people whose score fell: the call-back list, each with a follow-up
 * case to open (or the one already open). A table on wide screens, one card per customer on a
 * phone (only one of the two is displayed, so only one is read out).
 */
export function AtRisk(props: ViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { wt } = useWhyT();
  const { dates, filters, surveys, touchpoints } = props;
  const q = useEndpoint(getAtRisk, { query: { from: dates.from, to: dates.to } });
  const [shown, setShown] = useState(PAGE);
  // Cases opened here since the list loaded, by response (the list itself is cached for a minute).
  const [opened, setOpened] = useState<Record<string, CaseStatus>>({});
  const surveyName = (id: string) => surveys.find((s) => s.id === id)?.name ?? id;
  const tpName = (key?: string | null) => (key ? (touchpoints.find((tp) => tp.key === key)?.name ?? key) : t('none'));
  const all = q.data?.items ?? [];
  const items = all.slice(0, shown);
  const reason = (it: AtRiskItem) => (
    <span class={`badge badge-${it.reason}`}>
      {it.reason === 'detractor'
        ? t('reason.detractor')
        : t('reason.dropped', { drop: i18n.int(Math.abs(it.drop ?? 0)) })}
    </span>
  );
  const when = (it: AtRiskItem) => <time dateTime={new Date(it.at).toISOString()}>{i18n.day(it.at)}</time>;
  // The churn model's probability, shown only when the site has enough outcomes to fit it.
  const risk = (it: AtRiskItem) => (typeof it.churnRisk === 'number' ? i18n.pct(it.churnRisk * 100) : t('none'));
  const prev = (it: AtRiskItem) => (typeof it.previousScore === 'number' ? i18n.int(it.previousScore) : t('none'));
  const caseAction = (it: AtRiskItem) => (
    <CaseAction
      responseId={it.responseId}
      who={it.respondentId}
      status={opened[it.responseId] ?? it.caseStatus}
      inboxHref={(status) => toHash({ view: 'inbox', filters: { ...filters, status } })}
      onOpened={(status) => setOpened((m) => ({ ...m, [it.responseId]: status }))}
    />
  );

  useEffect(() => {
    if (q.data) announce(t('announceCount', { count: i18n.int(all.length) }));
  }, [q.data]);
  return (
    <div class="at-risk" data-state={q.loading ? 'loading' : q.data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p class="muted">{t('atRiskIntro')}</p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data &&
          (all.length === 0 ? (
            <p class="notice">{t('noAtRisk')}</p>
          ) : (
            <>
              <div class="only-wide">
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
                        <th scope="col" class="num">
                          {wt('atRisk.churnRisk')}
                        </th>
                        <th scope="col" class="num">
                          {wt('atRisk.value')}
                        </th>
                        <th scope="col">{t('touchpointCol')}</th>
                        <th scope="col">{t('survey')}</th>
                        <th scope="col">{t('commentCol')}</th>
                        <th scope="col">{t('whenCol')}</th>
                        <th scope="col">{t('caseCol')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((it) => (
                        <tr key={`${it.respondentId}:${it.surveyId}`}>
                          <th scope="row" class="nowrap">
                            <CustomerLink who={it.respondentId} />
                          </th>
                          <td>{reason(it)}</td>
                          <td class="num">{i18n.int(it.latestScore)}</td>
                          <td class="num">{prev(it)}</td>
                          <td class="num" data-churn-risk>
                            {risk(it)}
                          </td>
                          <td class="num">{typeof it.value === 'number' ? i18n.num(it.value, 0) : t('none')}</td>
                          <td>{tpName(it.touchpoint)}</td>
                          <td>{surveyName(it.surveyId)}</td>
                          <td class="comment" dir="auto">
                            {it.lastComment ?? t('none')}
                          </td>
                          <td class="nowrap">{when(it)}</td>
                          <td>{caseAction(it)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              </div>
              <ul class="only-phone risk-cards" aria-label={t('atRiskCaption')}>
                {items.map((it) => (
                  <li key={`${it.respondentId}:${it.surveyId}`} class="card risk-card">
                    <p class="risk-head">
                      <strong>
                        <CustomerLink who={it.respondentId} />
                      </strong>
                      {reason(it)}
                    </p>
                    <p class="small">
                      {t('latestCol')}: <strong>{i18n.int(it.latestScore)}</strong>
                      {i18n.sep}
                      {t('previousCol')}: {prev(it)}
                      {typeof it.churnRisk === 'number' && (
                        <>
                          {i18n.sep}
                          {wt('atRisk.churnRisk')}: {risk(it)}
                        </>
                      )}
                      {typeof it.value === 'number' && (
                        <>
                          {i18n.sep}
                          {wt('atRisk.value')}: {i18n.num(it.value, 0)}
                        </>
                      )}
                      {/* no touchpoint: left out, rather than a second "—" beside the previous score's */}
                      {it.touchpoint && (
                        <>
                          {i18n.sep}
                          {tpName(it.touchpoint)}
                        </>
                      )}
                      {i18n.sep}
                      {when(it)}
                    </p>
                    {it.lastComment && (
                      <p class="verbatim-text" dir="auto">
                        {it.lastComment}
                      </p>
                    )}
                    <p class="risk-case">{caseAction(it)}</p>
                  </li>
                ))}
              </ul>
              {all.length > shown && (
                <button type="button" class="btn" onClick={() => setShown((n) => n + PAGE)}>
                  {t('loadMore')} ({i18n.int(all.length - shown)})
                </button>
              )}
            </>
          ))}
      </Status>
    </div>
  );
}
