import { useState } from 'preact/hooks';
import { type Alert, createAlert, deleteAlert, listAlerts } from '../../../shared/contract/alerts';
import { listSurveys } from '../../../shared/contract/surveys';
import { listWebhooks } from '../../../shared/contract/webhooks';
import { scaleOf } from '../../../shared/questions/registry';
import { AlertRuleInput } from '../../../shared/schemas/api';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { ListCard } from '../components/list-card';
import {
  asIssuesOf,
  type Errors,
  FormActions,
  focusFirstError,
  issueMap,
  type Note,
  NumberField,
  SelectField,
} from '../setup/form';
import { validate } from '../validate';
import { useOpsT } from './i18n';

type Num = number | string | undefined;
type Draft = {
  kind: 'answer' | 'drop';
  surveyId: string;
  questionId: string;
  min: Num;
  max: Num;
  targetHours: Num;
  threshold: Num;
  windowDays: Num;
  minResponses: Num;
  webhookId: string;
};

const EMPTY: Draft = {
  kind: 'answer',
  surveyId: '',
  questionId: '',
  min: undefined,
  max: 6,
  targetHours: 24,
  threshold: 0,
  windowDays: 7,
  minResponses: 30,
  webhookId: '',
};

/** What the form sends: only the fields of the chosen kind (the schema refuses the others). */
function bodyOf(d: Draft): unknown {
  const common = { surveyId: d.surveyId, questionId: d.questionId, webhookId: d.webhookId };
  if (d.kind === 'drop')
    return { kind: 'drop', ...common, threshold: d.threshold, windowDays: d.windowDays, minResponses: d.minResponses };
  return {
    kind: 'answer',
    ...common,
    ...(d.min !== undefined ? { min: d.min } : {}),
    ...(d.max !== undefined ? { max: d.max } : {}),
    ...(d.targetHours !== undefined ? { targetHours: d.targetHours } : {}),
  };
}

const draftOf = (a: Alert): Draft => ({
  ...EMPTY,
  kind: a.kind,
  surveyId: a.surveyId,
  questionId: a.questionId,
  min: a.min,
  max: a.max,
  targetHours: a.targetHours,
  threshold: a.threshold ?? 0,
  windowDays: a.windowDays ?? 7,
  minResponses: a.minResponses ?? 30,
  webhookId: a.webhookId,
});

/**
 * Alert rules: create, edit and delete. The API has no in-place update, so an edit creates the new
 * rule first and then deletes the old one (never a moment without a rule).
 */
export function Alerts() {
  const ui = useOpsT();
  const { ot } = ui;
  const q = useEndpoint(listAlerts, {});
  const hooksQ = useEndpoint(listWebhooks, {});
  const surveysQ = useEndpoint(listSurveys, {});
  const surveys = surveysQ.data?.items ?? [];
  const hooks = hooksQ.data?.items ?? [];
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string>();
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);

  const survey = surveys.find((s) => s.id === (draft.surveyId || surveys[0]?.id));
  const questions = (survey?.questions ?? []).filter((x) => scaleOf(x));
  const d: Draft = {
    ...draft,
    surveyId: draft.surveyId || survey?.id || '',
    questionId: questions.some((x) => x.id === draft.questionId) ? draft.questionId : (questions[0]?.id ?? ''),
    webhookId: draft.webhookId || hooks[0]?.id || '',
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...d, ...patch });

  const save = async (e: Event) => {
    e.preventDefault();
    const checked = validate(AlertRuleInput, bodyOf(d), ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: ot('failed', { message: checked.error.issues[0]?.message ?? '' }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      await call(createAlert, { body: checked.data });
      if (editing) await call(deleteAlert, { params: { id: editing } });
      const text = editing ? ot('ruleSaved') : ot('ruleCreated');
      setNote({ text });
      announce(text);
      setErrors(new Map());
      setEditing(undefined);
      setDraft(EMPTY);
      q.reload();
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: ot('failed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Alert) => {
    if (!confirm(ot('confirmDeleteRule'))) return;
    try {
      await call(deleteAlert, { params: { id: a.id } });
      setNote({ text: ot('ruleDeleted') });
      announce(ot('ruleDeleted'));
    } catch (err) {
      setNote({ text: ot('failed', { message: (err as Error).message }), error: true });
    }
    q.reload();
  };

  const condition = (a: Alert) => {
    if (a.kind === 'drop')
      return ot('dropBelow', { threshold: a.threshold ?? 0, days: a.windowDays ?? 0, n: a.minResponses ?? 30 });
    if (a.min !== undefined && a.max !== undefined) return ot('between', { min: a.min, max: a.max });
    if (a.max !== undefined) return ot('atMost', { max: a.max });
    if (a.min !== undefined) return ot('atLeast', { min: a.min });
    return a.sentiment ?? '';
  };
  const surveyName = (id: string) => {
    const s = surveys.find((x) => x.id === id);
    return s ? ui.nameOf(s) : id;
  };
  const hookName = (id: string) => hooks.find((h) => h.id === id)?.url ?? id;

  return (
    <div class="setup-grid ops-alerts">
      <p class="intro">{ot('alertsIntro')}</p>
      <form class="card" aria-labelledby="rule-form-h" onSubmit={save} noValidate data-testid="rule-form">
        <h2 id="rule-form-h" class="card-title">
          {editing ? ot('editRule') : ot('newRule')}
        </h2>
        {editing && <p class="small muted">{ot('editNote')}</p>}
        {hooksQ.data && !hooks.length && <p class="notice">{ot('noHooks')}</p>}
        <div class="form-row">
          <SelectField
            path="kind"
            label={ot('ruleKind')}
            value={d.kind}
            options={['answer', 'drop'] as const}
            optionLabel={(k) => ot(`kind.${k}`)}
            onValue={(kind) => set({ kind })}
          />
          <SelectField
            path="surveyId"
            label={ot('ruleSurvey')}
            error={errors.get('surveyId')}
            value={d.surveyId}
            options={surveys.map((s) => s.id)}
            optionLabel={surveyName}
            onValue={(surveyId) => set({ surveyId, questionId: '' })}
          />
          <SelectField
            path="questionId"
            label={ot('ruleQuestion')}
            error={errors.get('questionId')}
            value={d.questionId}
            options={questions.map((x) => x.id)}
            optionLabel={(id) => {
              const x = questions.find((y) => y.id === id);
              return x
                ? `${ui.t(`qtype.${x.type}` as never)}${ui.sep}${ui.isolate(x.prompt[ui.locale] ?? x.prompt.en ?? id)}`
                : id;
            }}
            onValue={(questionId) => set({ questionId })}
          />
        </div>
        {d.kind === 'answer' ? (
          <div class="form-row">
            <NumberField
              path="min"
              label={ot('ruleMin')}
              size={4}
              error={errors.get('min')}
              value={d.min}
              onValue={(min) => set({ min })}
            />
            <NumberField
              path="max"
              label={ot('ruleMax')}
              size={4}
              error={errors.get('max')}
              value={d.max}
              onValue={(max) => set({ max })}
            />
            <NumberField
              path="targetHours"
              label={ot('ruleTarget')}
              hint={ot('ruleTargetHint')}
              size={4}
              error={errors.get('targetHours')}
              value={d.targetHours}
              onValue={(targetHours) => set({ targetHours })}
            />
          </div>
        ) : (
          <div class="form-row">
            <NumberField
              path="threshold"
              label={ot('ruleThreshold')}
              size={5}
              decimal
              error={errors.get('threshold')}
              value={d.threshold}
              onValue={(threshold) => set({ threshold })}
            />
            <NumberField
              path="windowDays"
              label={ot('ruleWindow')}
              size={4}
              error={errors.get('windowDays')}
              value={d.windowDays}
              onValue={(windowDays) => set({ windowDays })}
            />
            <NumberField
              path="minResponses"
              label={ot('ruleMinAnswers')}
              hint={ot('ruleMinAnswersHint')}
              size={6}
              error={errors.get('minResponses')}
              value={d.minResponses}
              onValue={(minResponses) => set({ minResponses })}
            />
          </div>
        )}
        <div class="form-row">
          <SelectField
            path="webhookId"
            label={ot('ruleTargetHook')}
            error={errors.get('webhookId')}
            value={d.webhookId}
            options={hooks.map((h) => h.id)}
            optionLabel={(id) => {
              const h = hooks.find((x) => x.id === id);
              return h ? `${ot(`format.${h.format}`)}${ui.sep}${ui.isolate(h.url)}` : id;
            }}
            onValue={(webhookId) => set({ webhookId })}
          />
        </div>
        <FormActions action="save-rule" busy={busy} note={note}>
          {editing ? ot('saveRule') : ot('createRule')}
        </FormActions>
        {editing && (
          <button
            type="button"
            class="btn btn-quiet"
            onClick={() => {
              setEditing(undefined);
              setDraft(EMPTY);
              setErrors(new Map());
            }}
          >
            {ot('cancel')}
          </button>
        )}
      </form>
      <ListCard
        headingId="rules-h"
        title={ot('rulesTitle')}
        q={q}
        items={q.data?.items}
        empty={ot('noRules')}
        testid="rules"
        columns={[ot('ruleSurvey'), ot('ruleQuestion'), ot('ruleCondition'), ot('ruleTarget'), ot('ruleTargetHook')]}
        row={(a) => (
          <tr key={a.id} data-rule={a.id}>
            <td>{surveyName(a.surveyId)}</td>
            <td>
              <code dir="ltr">{a.questionId}</code>
            </td>
            <td>
              <bdi>{condition(a)}</bdi> {a.firing && <span class="badge">{ot('firing')}</span>}
            </td>
            <td>{a.targetHours ? ot('hours', { h: a.targetHours }) : '—'}</td>
            <td class="ops-url" dir="ltr">
              {hookName(a.webhookId)}
            </td>
            <td class="row-actions">
              <button
                type="button"
                class="btn btn-small"
                onClick={() => {
                  setEditing(a.id);
                  setDraft(draftOf(a));
                  setNote(undefined);
                  document.getElementById('rule-form-h')?.scrollIntoView({ block: 'start' });
                }}
              >
                {ot('edit')}
              </button>{' '}
              <button type="button" class="btn btn-small btn-danger" onClick={() => remove(a)}>
                {ot('delete')}
              </button>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
