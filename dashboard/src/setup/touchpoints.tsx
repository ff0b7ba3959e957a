import { useRef, useState } from 'preact/hooks';
import {
  createTouchpoint,
  deleteTouchpoint,
  listTouchpoints,
  updateTouchpoint,
} from '../../../shared/contract/touchpoints';
import { TouchpointInput } from '../../../shared/schemas/api';
import { STAGES, type Stage } from '../../../shared/schemas/common';
import { ApiError, call, useEndpoint } from '../api';
import { ListCard } from '../components/list-card';
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
import { useSetupT } from './i18n';
import { SHOP_TOUCHPOINTS } from './templates';
import { setupTitle } from './titles';

/** What the form edits: the default name plus optional Persian and Arabic names. */
type Form = { key: string; name: string; stage: TouchpointDef['stage']; fa: string; ar: string };
const EMPTY: Form = { key: '', name: '', stage: 'purchase', fa: '', ar: '' };

const toInput = (f: Form) => {
  const names = Object.fromEntries(
    (['fa', 'ar'] as const).filter((l) => f[l].trim()).map((l) => [l, f[l].trim()] as const),
  );
  return { key: f.key, name: f.name, stage: f.stage, ...(Object.keys(names).length ? { names } : {}) };
};

const norm = (s: string) => s.trim().toLocaleLowerCase();

/**
 * Touchpoints: the list (archive, restore, delete), a form that adds a new key or edits an existing
 * touchpoint without ever changing its key, and shop suggestions that the site does not have yet.
 */
export function Touchpoints({ onChanged }: { onChanged: () => void }) {
  const ui = useSetupT();
  const { st, t, locale } = ui;
  const q = useEndpoint(listTouchpoints, {});
  const list = q.data?.items ?? [];
  const [form, setForm] = useState<Form>(EMPTY);
  /** The key being edited, or null when the form adds a new touchpoint. */
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [listNote, setListNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const have = new Set(list.map((x) => x.key));

  const failed = (err: unknown) => {
    setErrors(issueMap(asIssuesOf(err, ui.locale)));
    setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
  };

  const save = async (f: Form, mode: 'add' | 'edit') => {
    const input = toInput(f);
    const checked = validate(TouchpointInput, input, ui);
    const issues: { path: readonly PropertyKey[]; message: string }[] = checked.success ? [] : checked.error.issues;
    // Adding never overwrites: an existing key is edited through its own Edit button.
    if (mode === 'add' && have.has(f.key)) issues.push({ path: ['key'], message: st('tpExists') });
    if (!checked.success || issues.length) {
      setErrors(issueMap(issues));
      setNote({ text: st('errorSummary', { n: issues.length }), error: true });
      focusFirstError();
      return false;
    }
    setBusy(true);
    try {
      if (mode === 'add') await call(createTouchpoint, { body: checked.data });
      else {
        const { key, ...rest } = checked.data;
        await call(updateTouchpoint, { params: { key }, body: { ...rest, names: rest.names ?? {} } });
      }
      setErrors(new Map());
      setNote({ text: st('saved') });
      q.reload();
      onChanged();
      return true;
    } catch (err) {
      failed(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const setArchived = async (tp: TouchpointDef, archived: boolean) => {
    setBusy(true);
    const name = ui.nameOf(tp);
    try {
      await call(updateTouchpoint, { params: { key: tp.key }, body: { archived } });
      setListNote({ text: st(archived ? 'tpArchivedNote' : 'tpRestoredNote', { name }) });
      q.reload();
      onChanged();
    } catch (err) {
      setListNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (tp: TouchpointDef) => {
    const name = ui.nameOf(tp);
    if (!confirm(st('confirmDeleteTouchpoint', { name }))) return;
    setBusy(true);
    try {
      await call(deleteTouchpoint, { params: { key: tp.key } });
      setListNote({ text: st('tpDeletedNote', { name }) });
      if (editing === tp.key) stopEditing();
      q.reload();
      onChanged();
    } catch (err) {
      const inUse = err instanceof ApiError && err.code === 'touchpoint_in_use';
      setListNote({
        text: inUse ? st('tpInUse', { name }) : st('saveFailed', { message: (err as Error).message }),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };

  const startEditing = (tp: TouchpointDef) => {
    setForm({ key: tp.key, name: tp.name, stage: tp.stage, fa: tp.names?.fa ?? '', ar: tp.names?.ar ?? '' });
    setEditing(tp.key);
    setErrors(new Map());
    setNote(undefined);
    requestAnimationFrame(() => nameInput.current?.focus());
  };
  const stopEditing = () => {
    setForm({ ...EMPTY, stage: form.stage });
    setEditing(null);
    setErrors(new Map());
  };

  // A suggestion the site already has under another key (same name in any language) is not offered.
  const names = new Set(list.flatMap((x) => [x.name, ...Object.values(x.names ?? {})].map(norm)));
  const suggestions = SHOP_TOUCHPOINTS.filter(
    (s) => !have.has(s.key) && !Object.values(s.name).some((n) => names.has(norm(n))),
  );
  const addSuggestions = async (items: typeof suggestions) => {
    for (const s of items) {
      const f: Form = { key: s.key, name: s.name.en, stage: s.stage, fa: s.name.fa ?? '', ar: s.name.ar ?? '' };
      if (!(await save(f, 'add'))) return;
    }
  };
  const field = (k: keyof Form) => ({
    path: k === 'fa' || k === 'ar' ? `names.${k}` : k,
    error: errors.get(k === 'fa' || k === 'ar' ? `names.${k}` : k),
    value: form[k],
    onValue: (v: string) => setForm({ ...form, [k]: v }),
  });

  return (
    <div class="setup-grid">
      <p class="intro">{st('touchpointsIntro')}</p>
      <ListCard
        headingId="tp-list-h"
        title={setupTitle('touchpoints', locale)}
        q={q}
        items={q.data && list}
        empty={st('noTouchpoints')}
        emptyClass="muted"
        testid="touchpoints"
        columns={[st('tpKey'), st('tpName'), st('tpStage')]}
        row={(tp) => {
          const name = ui.nameOf(tp);
          return (
            <tr key={tp.key} data-archived={tp.archived ? 'yes' : undefined} class={tp.archived ? 'muted' : ''}>
              <td>
                <code dir="ltr">{tp.key}</code>
              </td>
              <td>
                {name}
                {tp.archived && <span class="badge"> {st('tpArchived')}</span>}
              </td>
              <td>{t(`stage.${tp.stage}`)}</td>
              <td class="row-actions">
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={st('editTouchpoint', { name })}
                  onClick={() => startEditing(tp)}
                >
                  {st('edit')}
                </button>{' '}
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={busy}
                  aria-label={st(tp.archived ? 'restoreLabel' : 'archiveLabel', { name })}
                  onClick={() => setArchived(tp, !tp.archived)}
                >
                  {st(tp.archived ? 'restoreTouchpoint' : 'archiveTouchpoint')}
                </button>{' '}
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  disabled={busy}
                  aria-label={st('deleteLabel', { name })}
                  onClick={() => remove(tp)}
                >
                  {st('deleteTouchpoint')}
                </button>
              </td>
            </tr>
          );
        }}
      >
        {listNote && (
          <p class={listNote.error ? 'form-status error' : 'form-status'} role={listNote.error ? 'alert' : 'status'}>
            {listNote.text}
          </p>
        )}
      </ListCard>
      <form
        class="card"
        aria-labelledby="tp-form-h"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (await save(form, editing ? 'edit' : 'add')) stopEditing();
        }}
      >
        <h2 id="tp-form-h" class="card-title">
          {editing ? st('editingTouchpoint', { key: editing }) : st('addTouchpoint')}
        </h2>
        <div class="form-row">
          <TextField
            {...field('key')}
            label={st('tpKey')}
            hint={editing ? st('tpKeyFixed') : st('tpKeyHint')}
            inputRef={keyInput}
            readOnly={!!editing}
            dir="ltr"
            autoCapitalize="off"
            spellcheck={false}
          />
          <TextField {...field('name')} label={st('tpNameEn')} inputRef={nameInput} />
          <SelectField
            {...field('stage')}
            label={st('tpStage')}
            options={STAGES as readonly string[]}
            optionLabel={(s) => t(`stage.${s as Stage}`)}
          />
        </div>
        <div class="form-row">
          <TextField {...field('fa')} label={st('tpNameFa')} hint={st('tpNamesHint')} dir="rtl" lang="fa" />
          <TextField {...field('ar')} label={st('tpNameAr')} dir="rtl" lang="ar" />
        </div>
        <FormActions action="save-touchpoint" busy={busy} note={note}>
          {st('saveTouchpoint')}
        </FormActions>
        {editing && (
          <button type="button" class="btn" onClick={stopEditing}>
            {st('cancelEdit')}
          </button>
        )}
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
                  <span class="muted small">
                    {ui.sep}
                    {t(`stage.${s.stage}`)}
                  </span>
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
