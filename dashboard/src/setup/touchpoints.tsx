import { useRef, useState } from 'preact/hooks';
import { createTouchpoint, listTouchpoints } from '../../../shared/contract/touchpoints';
import { TouchpointInput } from '../../../shared/schemas/api';
import { STAGES } from '../../../shared/schemas/common';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import type { TouchpointDef } from '../types';
import { validate } from '../validate';
import {
  asIssuesOf,
  type Errors,
  FormActions,
  focusFirstError,
  issueMap,
  type Note,
  SelectField,
  TextField,
} from './form';
import { type SetupKey, useSetupT } from './i18n';
import { ListTable } from './list-table';
import { SHOP_TOUCHPOINTS } from './templates';

/** Touchpoints: the list, a form to add or edit one (key, name, journey stage), and shop suggestions. */
export function Touchpoints({ onChanged }: { onChanged: () => void }) {
  const ui = useSetupT();
  const { st, t, locale } = ui;
  const q = useEndpoint(listTouchpoints, {});
  const list = q.data?.items ?? [];
  const [form, setForm] = useState<TouchpointDef>({ key: '', name: '', stage: 'purchase' });
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);

  const save = async (tp: TouchpointDef) => {
    const checked = validate(TouchpointInput, tp, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return false;
    }
    setBusy(true);
    try {
      await call(createTouchpoint, { body: checked.data });
      setErrors(new Map());
      setNote({ text: st('saved') });
      q.reload();
      onChanged();
      return true;
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const have = new Set(list.map((x) => x.key));
  const suggestions = SHOP_TOUCHPOINTS.filter((s) => !have.has(s.key));
  const addSuggestions = async (items: typeof suggestions) => {
    for (const s of items) if (!(await save({ key: s.key, name: s.name[locale] ?? s.name.en, stage: s.stage }))) return;
  };
  const field = (k: keyof TouchpointDef) => ({
    path: k,
    error: errors.get(k),
    value: form[k],
    onValue: (v: string) => setForm({ ...form, [k]: v }),
  });

  return (
    <div class="setup-grid">
      <p class="intro">{st('touchpointsIntro')}</p>
      <section class="card" aria-labelledby="tp-list-h">
        <h2 id="tp-list-h" class="card-title">
          {st('view.touchpoints')}
        </h2>
        <Status loading={q.loading} error={q.error} retry={q.reload}>
          {list.length === 0 ? (
            <p class="muted">{st('noTouchpoints')}</p>
          ) : (
            <ListTable testid="touchpoints" columns={[st('tpKey'), st('tpName'), st('tpStage')]}>
              {list.map((tp) => (
                <tr key={tp.key}>
                  <td>
                    <code dir="ltr">{tp.key}</code>
                  </td>
                  <td>{tp.name}</td>
                  <td>{st(`stage.${tp.stage}` as SetupKey)}</td>
                  <td>
                    <button
                      type="button"
                      class="btn btn-small"
                      aria-label={st('editTouchpoint', { name: tp.name })}
                      onClick={() => {
                        setForm({ ...tp });
                        setErrors(new Map());
                        keyInput.current?.focus();
                      }}
                    >
                      {st('edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </ListTable>
          )}
        </Status>
      </section>
      <form
        class="card"
        aria-labelledby="tp-form-h"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (await save(form)) setForm({ key: '', name: '', stage: form.stage });
        }}
      >
        <h2 id="tp-form-h" class="card-title">
          {st('addTouchpoint')}
        </h2>
        <div class="form-row">
          <TextField
            {...field('key')}
            label={st('tpKey')}
            hint={st('tpKeyHint')}
            inputRef={keyInput}
            dir="ltr"
            autoCapitalize="off"
            spellcheck={false}
          />
          <TextField {...field('name')} label={st('tpName')} />
          <SelectField
            {...field('stage')}
            label={st('tpStage')}
            options={STAGES as readonly string[]}
            optionLabel={(s) => st(`stage.${s}` as SetupKey)}
          />
        </div>
        <FormActions action="save-touchpoint" busy={busy} note={note}>
          {st('saveTouchpoint')}
        </FormActions>
      </form>
      {suggestions.length > 0 && (
        <section class="card" aria-labelledby="tp-sugg-h">
          <h2 id="tp-sugg-h" class="card-title">
            {st('suggestedTitle')}
          </h2>
          <ul class="chips">
            {suggestions.map((s) => (
              <li key={s.key}>
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={busy}
                  data-suggest={s.key}
                  onClick={() => addSuggestions([s])}
                >
                  {st('addSuggested', { name: s.name[locale] ?? s.name.en })}
                  <span class="muted small"> · {st(`stage.${s.stage}` as SetupKey)}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="btn" disabled={busy} onClick={() => addSuggestions(suggestions)}>
            {st('addAllSuggested')}
          </button>
        </section>
      )}
      {q.error && <p class="small">{t('errorPrefix', { message: q.error.message })}</p>}
    </div>
  );
}
