import { useEffect } from 'preact/hooks';
import { getResults } from '../../../shared/contract/results';
import { announce } from '../announce';
import { useEndpoint } from '../api';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import { resultsInput } from './overview';
import './drop-off.css';

/** What a rate is counted out of: the surveys shown, the responses started, or (a follow-up) the answers that could show it. */
type Base = { kind: 'shown' | 'started' | 'eligible'; n: number };
type Step = { key: string; label: string; count: number; note?: string; kind: 'edge' | 'question'; base: Base | null };

/** A rate that can never pass 100%: a count out of a denominator that holds it. */
export const rateOf = (count: number, base: number): number | null =>
  base > 0 ? Math.min(1, count / base) * 100 : null;

/**
 * Shown → answered ≥1 → each question → completed, for the chosen survey. Each rate says what it
 * counts: starting against the surveys shown, a question and completing against the responses
 * started, a follow-up question (one with `showIf`) against the answers that could show it
 * (`eligible`, issue #14), so a follow-up seen by few is not read as a drop-off.
 */
export function DropOff(props: ViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { survey } = props;
  const q = useEndpoint(getResults, resultsInput(props));
  useEffect(() => {
    if (q.data) announce(t('announceResults', { responses: i18n.int(q.data.responses) }));
  }, [q.data]);
  const r = q.data;
  if (!survey) return null;
  const defs = new Map(survey.questions.map((x) => [x.id, x]));
  const started: Base | null = r ? { kind: 'started', n: r.responses } : null;
  const steps: Step[] = r
    ? [
        { key: 'shown', label: t('stepShown'), count: r.shown, kind: 'edge', base: null },
        {
          key: 'started',
          label: t('stepStarted'),
          count: r.responses,
          kind: 'edge',
          base: { kind: 'shown', n: r.shown },
        },
        ...r.questions.map((qr, i) => {
          const conditional = !!defs.get(qr.id)?.showIf || qr.eligible !== undefined;
          return {
            key: `q:${qr.id}`,
            label: `${i18n.int(i + 1)}. ${i18n.pick(qr.prompt) || i18n.pick(defs.get(qr.id)?.prompt)}`,
            count: qr.answered,
            note: [
              t(`qtype.${qr.type}`),
              conditional ? t('conditional') : defs.get(qr.id)?.required ? '' : t('optional'),
            ]
              .filter(Boolean)
              .join(i18n.sep),
            kind: 'question' as const,
            base: conditional && qr.eligible !== undefined ? { kind: 'eligible' as const, n: qr.eligible } : started,
          };
        }),
        { key: 'completed', label: t('stepCompleted'), count: r.completed, kind: 'edge', base: started },
      ]
    : [];
  return (
    <div class="drop-off" data-state={q.loading ? 'loading' : r ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p class="muted">{t('dropoffIntro')}</p>
      <p class="muted small">{t('dropoffRates')}</p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {r && (
          <TableWrap label={t('dropoffCaption', { survey: i18n.nameOf(survey) })}>
            <table class="data funnel-table">
              <caption>{t('dropoffCaption', { survey: i18n.nameOf(survey) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('stepCol')}</th>
                  <th scope="col" class="num">
                    {t('countCol')}
                  </th>
                  <th scope="col" class="bar-col">
                    {t('rateCol')}
                  </th>
                  <th scope="col">{t('outOfCol')}</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((s) => {
                  const rate = s.base ? rateOf(s.count, s.base.n) : null;
                  return (
                    <tr key={s.key} class={`step-${s.kind}`} data-step={s.key}>
                      <th scope="row" dir="auto">
                        {s.label}
                        {s.note && <span class="step-note">{s.note}</span>}
                      </th>
                      <td class="num">{i18n.int(s.count)}</td>
                      <td class="bar-col">
                        {rate !== null && (
                          <span class="funnel-bar" style={{ inlineSize: `${rate}%` }} aria-hidden="true" />
                        )}
                        <span class="funnel-pct" data-rate={rate ?? ''}>
                          {rate !== null ? i18n.pct(rate) : t('none')}
                        </span>
                      </td>
                      <td class="out-of" data-base={s.base?.kind ?? ''}>
                        {s.base ? t(`outOf.${s.base.kind}`, { n: i18n.int(s.base.n) }) : t('none')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Status>
    </div>
  );
}
