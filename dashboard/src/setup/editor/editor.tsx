import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getSurvey, patchSurvey } from '../../../../shared/contract/surveys';
import { listTouchpoints } from '../../../../shared/contract/touchpoints';
import { LocaleCode } from '../../../../shared/schemas/common';
import { type PublicSurvey, QUESTION_TYPES, SurveyInput } from '../../../../shared/schemas/survey';
import { call, useEndpoint } from '../../api';
import { Status } from '../../components/status';
import { guardLeaving, setupHash } from '../../route';
import type { Survey } from '../../types';
import { validate } from '../../validate';
import { asIssuesOf, Field, focusFirstError, issueMap } from '../form';
import { type SetupKey, useSetupT } from '../i18n';
import { typeName } from '../questions';
import { dirOf, draftOf, type Loose, langsOf, produce, put, retype, tidy } from './draft';
import { ErrorSummary } from './error-summary';
import { LocalizedFields } from './localized';
import { Preview } from './preview';
import { QuestionEditor } from './question';
import { TargetingEditor, ThemeEditor } from './settings';

/** The survey editor: load, edit with SurveyInput checking every field, preview, save. */
export function Editor({ id, onChanged }: { id: string; onChanged: () => void }) {
  const [survey, setSurvey] = useState<Survey>();
  const [error, setError] = useState<Error>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    call(getSurvey, { params: { id } }).then(
      (r) => live && setSurvey(r.survey),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id, nonce]);
  return (
    <Status loading={!survey && !error} error={error} retry={() => setNonce((n) => n + 1)}>
      {survey && <Form key={survey.id} survey={survey} onSaved={setSurvey} onChanged={onChanged} />}
    </Status>
  );
}

function Form({ survey, onSaved, onChanged }: { survey: Survey; onSaved: (s: Survey) => void; onChanged: () => void }) {
  const ui = useSetupT();
  const { st } = ui;
  const tpQ = useEndpoint(listTouchpoints, {});
  const [draft, setDraft] = useState<Loose>(() => draftOf(survey));
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [note, setNote] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [newType, setNewType] = useState<string>('text');
  const [newLang, setNewLang] = useState('');
  const [langError, setLangError] = useState<string>();
  const lastValid = useRef<PublicSurvey>();

  // Unsaved edits are never lost silently: leaving the editor (tabs, links, back) or the page asks.
  useEffect(() => {
    if (!dirty) return;
    guardLeaving(() => st('unsavedLeave'));
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    addEventListener('beforeunload', onUnload);
    return () => {
      guardLeaving(null);
      removeEventListener('beforeunload', onUnload);
    };
  }, [dirty, st]);

  const clean = useMemo(() => tidy(draft), [draft]);
  const parsed = useMemo(() => validate(SurveyInput, clean, ui), [clean, ui]);
  const errors = useMemo(() => {
    const m = new Map(serverErrors);
    if (showErrors && !parsed.success) for (const [k, v] of issueMap(parsed.error.issues)) if (!m.has(k)) m.set(k, v);
    return m;
  }, [parsed, showErrors, serverErrors]);
  if (parsed.success) {
    const d = parsed.data;
    lastValid.current = {
      id: survey.id,
      version: survey.version,
      questions: d.questions,
      ...(d.targeting ? { targeting: d.targeting } : {}),
      ...(d.locales ? { locales: d.locales } : {}),
      ...(d.theme ? { theme: d.theme } : {}),
      ...(d.thankYou ? { thankYou: d.thankYou } : {}),
    };
  }
  const langs = langsOf(draft);

  const edit = (fn: (d: Loose) => void) => {
    setDraft((d: Loose) => produce(d, fn));
    setDirty(true);
    setNote(undefined);
    setServerErrors(new Map());
  };

  const save = async (status?: 'active' | 'paused') => {
    const next = status ? { ...clean, status } : clean;
    const checked = validate(SurveyInput, next, ui);
    if (!checked.success) {
      setShowErrors(true);
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return;
    }
    const d = checked.data;
    setBusy(true);
    try {
      const r = await call(patchSurvey, {
        params: { id: survey.id },
        body: {
          name: d.name,
          names: d.names ?? null,
          status: d.status,
          questions: d.questions,
          targeting: d.targeting ?? null,
          locales: d.locales ?? null,
          theme: d.theme ?? null,
          thankYou: d.thankYou ?? null,
        },
      });
      setDraft(draftOf(r.survey));
      setShowErrors(false);
      setDirty(false);
      setNote({ text: st('saved') });
      onSaved(r.survey);
      onChanged();
    } catch (err) {
      setServerErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const addLang = () => {
    const code = newLang.trim();
    const ok = validate(LocaleCode, code, ui);
    if (!ok.success) {
      setLangError(ok.error.issues[0]?.message);
      document.getElementById('f-new-lang')?.focus();
      return;
    }
    setLangError(undefined);
    if (!langs.includes(code)) edit((d) => (d.locales = [...langs, code]));
    setNewLang('');
  };

  const summary = showErrors && !parsed.success ? parsed.error.issues : [];
  return (
    <div class="editor">
      <div class="editor-form">
        <p>
          <a href={setupHash({ view: 'surveys' })}>
            {ui.dir === 'rtl' ? '→' : '←'} {st('backToSurveys')}
          </a>
        </p>
        <form
          noValidate
          aria-label={st('editorFor', { name: ui.nameOf(survey) })}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <ErrorSummary issues={summary} />
          <section class="card" aria-labelledby="basics-h">
            <h2 id="basics-h" class="card-title">
              {ui.nameOf(survey)}
            </h2>
            <div class="form-row">
              <Field path="name" label={st('surveyName')} error={errors.get('name')} class="field-grow">
                {(a) => (
                  <input
                    id={a.id}
                    value={draft.name}
                    aria-invalid={a.invalid ? 'true' : undefined}
                    aria-describedby={a.describedBy}
                    onInput={(e) => edit((d) => (d.name = e.currentTarget.value))}
                  />
                )}
              </Field>
              {(['fa', 'ar'] as const).map((l) => (
                <Field
                  key={l}
                  path={`names.${l}`}
                  label={st(l === 'fa' ? 'surveyNameFa' : 'surveyNameAr')}
                  error={errors.get(`names.${l}`)}
                >
                  {(a) => (
                    <input
                      id={a.id}
                      dir="rtl"
                      lang={l}
                      value={draft.names?.[l] ?? ''}
                      aria-invalid={a.invalid ? 'true' : undefined}
                      aria-describedby={a.describedBy}
                      onInput={(e) =>
                        edit((d) => {
                          d.names = d.names ?? {};
                          put(d.names, l, e.currentTarget.value || undefined);
                        })
                      }
                    />
                  )}
                </Field>
              ))}
              <fieldset class="segmented" aria-describedby="status-hint">
                <legend>{st('status')}</legend>
                {(['draft', 'active', 'paused'] as const).map((s) => (
                  <label key={s}>
                    <input
                      type="radio"
                      name="status"
                      value={s}
                      checked={draft.status === s}
                      onChange={() => edit((d) => (d.status = s))}
                    />
                    <span>{st(`status.${s}` as SetupKey)}</span>
                  </label>
                ))}
              </fieldset>
              <p id="status-hint" class="field-hint status-hint">
                {st('statusHint')}
              </p>
            </div>
            <div class="langs">
              <p class="field-label">{st('languages')}</p>
              <ul class="chips" aria-label={st('languages')}>
                {langs.map((l) => (
                  <li key={l} class="chip" lang={l} dir={dirOf(l)}>
                    <span>{l}</span>
                    {langs.length > 1 && (
                      <button
                        type="button"
                        class="chip-x"
                        aria-label={st('removeLanguage', { lang: l })}
                        onClick={() => edit((d) => (d.locales = langs.filter((x) => x !== l)))}
                      >
                        ×
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <div class="row-line">
                <Field path="new-lang" label={st('addLanguage')} error={langError ?? errors.get('locales')}>
                  {(a) => (
                    <input
                      id={a.id}
                      dir="ltr"
                      size={8}
                      value={newLang}
                      aria-invalid={a.invalid ? 'true' : undefined}
                      aria-describedby={a.describedBy}
                      onInput={(e) => setNewLang(e.currentTarget.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          addLang();
                        }
                      }}
                    />
                  )}
                </Field>
                <button type="button" class="btn" onClick={addLang}>
                  {st('addLanguageBtn')}
                </button>
              </div>
              <p class="field-hint">{st('languagesHint')}</p>
            </div>
          </section>

          <section class="card" aria-labelledby="qs-h">
            <h2 id="qs-h" class="card-title">
              {st('questionsTitle')}
            </h2>
            {errors.get('questions') && <p class="field-error">{errors.get('questions')}</p>}
            {draft.questions.map((q: Loose, i: number) => (
              <QuestionEditor
                key={i}
                q={q}
                index={i}
                count={draft.questions.length}
                earlier={draft.questions.slice(0, i)}
                langs={langs}
                errors={errors}
                update={(fn) => edit((d) => fn(d.questions[i]))}
                replace={(nq) => edit((d) => (d.questions[i] = nq))}
                move={(by) =>
                  edit((d) => {
                    const [x] = d.questions.splice(i, 1);
                    d.questions.splice(i + by, 0, x);
                  })
                }
                remove={() => edit((d) => d.questions.splice(i, 1))}
              />
            ))}
            <div class="row-line">
              <Field path="new-question-type" label={st('addQuestionOfType')}>
                {(a) => (
                  <select id={a.id} value={newType} onChange={(e) => setNewType(e.currentTarget.value)}>
                    {QUESTION_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {typeName(st, t)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button
                type="button"
                class="btn"
                data-action="add-question"
                onClick={() =>
                  edit((d) => {
                    let k = d.questions.length + 1;
                    while (d.questions.some((q: Loose) => q.id === `q${k}`)) k++;
                    d.questions.push(retype({ id: `q${k}`, prompt: {} }, newType));
                  })
                }
              >
                {st('addQuestion')}
              </button>
            </div>
            <LocalizedFields
              path="thankYou"
              label={(lang) => st('thankYou', { lang })}
              langs={langs}
              value={draft.thankYou}
              errors={errors}
              optional
              onChange={(v) => edit((d) => put(d, 'thankYou', v))}
            />
          </section>

          <TargetingEditor
            targeting={draft.targeting}
            touchpoints={(tpQ.data?.items ?? []).filter((x) => !x.archived)}
            errors={errors}
            update={(fn) =>
              edit((d) => {
                d.targeting = d.targeting ?? {};
                fn(d.targeting);
              })
            }
          />
          <ThemeEditor
            theme={draft.theme}
            errors={errors}
            update={(fn) =>
              edit((d) => {
                d.theme = d.theme ?? {};
                fn(d.theme);
              })
            }
          />

          <div class="save-bar">
            <button type="submit" class="btn btn-primary" disabled={busy} data-action="save-survey">
              {busy ? st('saving') : st('saveSurvey')}
            </button>
            {draft.status !== 'active' ? (
              <button type="button" class="btn" disabled={busy} data-action="activate" onClick={() => save('active')}>
                {st('activate')}
              </button>
            ) : (
              <button type="button" class="btn" disabled={busy} data-action="pause" onClick={() => save('paused')}>
                {st('pause')}
              </button>
            )}
            {dirty && <span class="small muted">{st('unsaved')}</span>}
            <span role="status" class={note?.error ? 'form-status error' : 'form-status'} data-testid="save-status">
              {note?.text}
            </span>
          </div>
        </form>
      </div>
      <div class="editor-preview">
        <Preview survey={lastValid.current} langs={langs} stale={!parsed.success} />
      </div>
    </div>
  );
}
