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

type Step = { key: string; label: string; count: number; note?: string; kind: 'edge' | 'question' };

/** Shown → answered ≥1 → each question → completed, for the chosen survey. */
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
  const steps: Step[] = r
    ? [
        { key: 'shown', label: t('stepShown'), count: r.shown, kind: 'edge' },
        { key: 'started', label: t('stepStarted'), count: r.responses, kind: 'edge' },
        ...r.questions.map((qr, i) => ({
          key: `q:${qr.id}`,
          label: `${i18n.int(i + 1)}. ${i18n.pick(qr.prompt) || i18n.pick(defs.get(qr.id)?.prompt)}`,
          count: qr.answered,
          note: [
            t(`qtype.${qr.type}`),
            defs.get(qr.id)?.showIf ? t('conditional') : defs.get(qr.id)?.required ? '' : t('optional'),
          ]
            .filter(Boolean)
            .join(i18n.sep),
          kind: 'question' as const,
        })),
        { key: 'completed', label: t('stepCompleted'), count: r.completed, kind: 'edge' },
      ]
    : [];
  const top = Math.max(1, r?.shown ?? 0, ...steps.map((s) => s.count));
  return (
    <div class="drop-off" data-state={q.loading ? 'loading' : r ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p class="muted">{t('dropoffIntro')}</p>
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
                    {t('ofShownCol')}
                  </th>
                  <th scope="col" class="num">
                    {t('ofStartedCol')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {steps.map((s) => {
                  return (
                    <tr key={s.key} class={`step-${s.kind}`}>
                      <th scope="row" dir="auto">
                        {s.label}
                        {s.note && <span class="step-note">{s.note}</span>}
                      </th>
                      <td class="num">{i18n.int(s.count)}</td>
                      <td class="bar-col">
                        <span
                          class="funnel-bar"
                          style={{ inlineSize: `${(s.count / top) * 100}%` }}
                          aria-hidden="true"
                        />
                        <span class="funnel-pct">{r.shown ? i18n.pct((s.count / r.shown) * 100) : t('none')}</span>
                      </td>
                      <td class="num">
                        {s.key === 'shown' || !r.responses ? t('none') : i18n.pct((s.count / r.responses) * 100)}
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
