import { useState } from 'preact/hooks';
import { getResults } from '../../../shared/contract/results';
import { createSurvey, deleteSurvey, listSurveys } from '../../../shared/contract/surveys';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { navigate, setupHash } from '../route';
import type { Survey } from '../types';
import { type SetupKey, useSetupT } from './i18n';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from './templates';

/** Surveys: start one from a template (saved as a draft, then opened in the editor), or open one. */
export function Surveys({ onChanged }: { onChanged: () => void }) {
  const { st, nameOf } = useSetupT();
  const q = useEndpoint(listSurveys, {});
  const [note, setNote] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const start = async (id: TemplateId) => {
    setBusy(true);
    try {
      const r = await call(createSurvey, { body: { ...TEMPLATES[id], name: st(`template.${id}`) } });
      onChanged();
      navigate(setupHash({ view: 'editor', id: r.survey.id }));
    } catch (err) {
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
      setBusy(false);
    }
  };
  const remove = async (s: Survey) => {
    // Say what is lost: the number of answers since the survey began (from the rollups, cheap).
    let answers: number | null = null;
    try {
      const r = await call(getResults, {
        params: { id: s.id },
        query: { from: s.createdAt.slice(0, 10), to: new Date().toISOString().slice(0, 10), interval: 'month' },
      });
      answers = r.responses;
    } catch {
      /* the count is a courtesy: without it the question still warns */
    }
    const question =
      answers === null
        ? st('confirmDelete', { name: nameOf(s) })
        : answers === 0
          ? st('confirmDeleteEmpty', { name: nameOf(s) })
          : st('confirmDeleteCount', { name: nameOf(s), n: answers });
    if (!confirm(question)) return;
    try {
      await call(deleteSurvey, { params: { id: s.id } });
      onChanged();
    } catch (err) {
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    }
    q.reload();
  };

  return (
    <div class="setup-grid">
      <p class="intro">{st('surveysIntro')}</p>
      <section class="card" aria-labelledby="tpl-h">
        <h2 id="tpl-h" class="card-title">
          {st('templatesTitle')}
        </h2>
        <ul class="template-list">
          {TEMPLATE_IDS.map((id) => (
            <li key={id} class="template">
              <h3>{st(`template.${id}` as SetupKey)}</h3>
              <p class="small muted">{st(`templateDesc.${id}` as SetupKey)}</p>
              <button
                type="button"
                class="btn"
                disabled={busy}
                data-template={id}
                onClick={() => start(id)}
                aria-label={`${st('add')}: ${st(`template.${id}` as SetupKey)}`}
              >
                {st('add')}
              </button>
            </li>
          ))}
        </ul>
        <p role="status" class={note?.error ? 'form-status error' : 'form-status'}>
          {note?.text}
        </p>
      </section>
      <section class="card" aria-labelledby="yours-h">
        <h2 id="yours-h" class="card-title">
          {st('yourSurveys')}
        </h2>
        <Status loading={q.loading} error={q.error} retry={q.reload}>
          {q.data && (
            <ul class="survey-list" data-testid="survey-list">
              {(q.data?.surveys ?? []).map((s) => (
                <li key={s.id}>
                  <a href={setupHash({ view: 'editor', id: s.id })} aria-label={st('openEditor', { name: nameOf(s) })}>
                    {nameOf(s)}
                  </a>
                  <span class={`badge badge-${s.status}`}>{st(`status.${s.status}` as SetupKey)}</span>
                  <span class="small muted">{st('questionsCount', { n: s.questions.length })}</span>
                  <button type="button" class="btn btn-small btn-danger" onClick={() => remove(s)}>
                    {st('deleteSurvey')}
                    <span class="sr-only"> {nameOf(s)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Status>
      </section>
    </div>
  );
}
