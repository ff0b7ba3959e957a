import { useState } from 'preact/hooks';
import { createKey, listKeys, revokeKey } from '../../../shared/contract/keys';
import { ApiKeyInput } from '../../../shared/schemas/api';
import { call, useEndpoint } from '../api';
import { ListCard } from '../components/list-card';
import type { ApiKeyInfo } from '../types';
import { validate } from '../validate';
import { CopyBox } from './copy-box';
import { asIssuesOf, type Errors, FormActions, focusFirstError, issueMap, type Note, TextField } from './form';
import { type SetupKey, useSetupT } from './i18n';

/** API keys: create with scopes (shown once), see when each was last used, revoke. */
export function Keys() {
  const ui = useSetupT();
  const { st, dateTime } = ui;
  const q = useEndpoint(listKeys, {});
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [busy, setBusy] = useState(false);

  const create = async (e: Event) => {
    e.preventDefault();
    const body = { name, scopes };
    const checked = validate(ApiKeyInput, body, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const r = await call(createKey, { body: checked.data });
      setCreated({ name: r.key.name, key: r.apiKey });
      setErrors(new Map());
      setNote(undefined);
      setName('');
      q.reload();
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKeyInfo) => {
    if (!confirm(st('confirmRevoke', { name: k.name }))) return;
    try {
      await call(revokeKey, { params: { id: k.id } });
      setNote({ text: `${st('keyRevoked')}: ${k.name}` });
    } catch (err) {
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    }
    q.reload();
  };

  const scopeError = errors.get('scopes');
  return (
    <div class="setup-grid">
      <p class="intro">{st('keysIntro')}</p>
      <form class="card" aria-labelledby="key-form-h" onSubmit={create} noValidate>
        <h2 id="key-form-h" class="card-title">
          {st('createKey')}
        </h2>
        <div class="form-row">
          <TextField path="name" label={st('keyName')} error={errors.get('name')} value={name} onValue={setName} />
          <fieldset class="checks" aria-describedby={scopeError ? 'f-scopes-err' : undefined}>
            <legend>{st('keyScopes')}</legend>
            {(['read', 'manage'] as const).map((s) => (
              <label key={s} class="check">
                <input
                  type="checkbox"
                  name="scope"
                  value={s}
                  checked={scopes.includes(s)}
                  aria-invalid={scopeError ? 'true' : undefined}
                  onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, s] : scopes.filter((x) => x !== s))}
                />{' '}
                {st(`scope.${s}` as SetupKey)}
              </label>
            ))}
            {scopeError && (
              <span id="f-scopes-err" class="field-error">
                {scopeError}
              </span>
            )}
          </fieldset>
        </div>
        <FormActions action="create-key" busy={busy} note={note}>
          {st('createKey')}
        </FormActions>
        {created && (
          <div class="notice new-key" data-testid="new-key">
            <p>
              <strong>{st('newKeyTitle')}</strong> ({created.name}) — {st('newKeyNote')}
            </p>
            <CopyBox id="new-key" label={st('newKeyTitle')} text={created.key} />
          </div>
        )}
      </form>
      <ListCard
        headingId="keys-h"
        title={st('keysListTitle')}
        q={q}
        items={q.data?.keys}
        testid="keys"
        columns={[st('keyName'), st('keyPrefix'), st('keyScopes'), st('keyCreated'), st('keyLastUsed')]}
        row={(k) => (
          <tr key={k.id} class={k.revoked ? 'revoked' : undefined} data-key={k.id}>
            <td>{k.name}</td>
            <td>
              <code dir="ltr">{k.prefix}…</code>
            </td>
            <td dir="ltr">{k.scopes.join(', ')}</td>
            <td>{dateTime(k.createdAt)}</td>
            <td data-col="last-used">{k.lastUsedAt ? dateTime(k.lastUsedAt) : st('keyNever')}</td>
            <td>
              {k.revoked ? (
                <span class="muted">{st('keyRevoked')}</span>
              ) : (
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  aria-label={st('revokeKey', { name: k.name })}
                  onClick={() => revoke(k)}
                >
                  {st('revoke')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
