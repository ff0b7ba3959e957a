import { useContext, useRef, useState } from 'preact/hooks';
import { deletePasskey, listPasskeys, type Passkey } from '../../../shared/contract/passkeys';
import { changePassword, deleteAllSessions } from '../../../shared/contract/teams';
import { AuthActions, useAccess } from '../access';
import { ApiError, call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { useTeamsT } from './i18n';
import { PASSWORD_MIN } from './invite';
import { addPasskey, PasskeyCancelled, PasskeyUnsupported } from './passkey';

type Note = { text: string; error?: boolean } | undefined;

/** The signed-in person's account: password, passkeys, and signing out everywhere. */
export function Account() {
  const access = useAccess();
  const { tt } = useTeamsT();
  if (access.kind !== 'member') return <p class="notice">{tt('account.keyMode')}</p>;
  return (
    <div class="team-grid" data-screen="account">
      <PasswordCard />
      <PasskeysCard />
      <SessionsCard />
    </div>
  );
}

function PasswordCard() {
  const { tt } = useTeamsT();
  const current = useRef<HTMLInputElement>(null);
  const next = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();

  const submit = async (e: Event) => {
    e.preventDefault();
    const newPassword = next.current?.value ?? '';
    if (newPassword.length < PASSWORD_MIN) {
      setNote({ text: tt('invite.tooShort', { n: PASSWORD_MIN }), error: true });
      next.current?.focus();
      return;
    }
    setBusy(true);
    setNote(undefined);
    try {
      // A 401 here is a wrong current password, not an ended session.
      await call(
        changePassword,
        { body: { currentPassword: current.current?.value ?? '', newPassword } },
        { quiet: true },
      );
      if (current.current) current.current.value = '';
      if (next.current) next.current.value = '';
      setNote({ text: tt('account.changed') });
    } catch (err) {
      setNote({
        text:
          err instanceof ApiError && err.status === 401
            ? tt('account.wrongCurrent')
            : tt('account.failed', { message: (err as Error).message }),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card account-section" aria-labelledby="password-h" onSubmit={submit} noValidate data-form="password">
      <h2 id="password-h" class="card-title">
        {tt('account.password')}
      </h2>
      <p class="muted">{tt('account.passwordIntro')}</p>
      <div class="team-form">
        <div class="field">
          <label for="current-password">{tt('account.current')}</label>
          <input id="current-password" type="password" autoComplete="current-password" dir="ltr" ref={current} />
        </div>
        <div class="field">
          <label for="new-password">{tt('account.new')}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            dir="ltr"
            minLength={PASSWORD_MIN}
            aria-describedby="new-password-hint"
            ref={next}
          />
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? tt('account.changing') : tt('account.change')}
          </button>
        </div>
      </div>
      <p id="new-password-hint" class="field-hint">
        {tt('invite.passwordHint', { n: PASSWORD_MIN })}
      </p>
      <p role="status" class={note?.error ? 'form-error' : 'small'}>
        {note?.text}
      </p>
    </form>
  );
}

function PasskeysCard() {
  const { tt, dateTime } = useTeamsT();
  const q = useEndpoint(listPasskeys, {});
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const nameOf = (p: Passkey) => p.name || tt('account.unnamed');

  const add = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      await addPasskey(name.trim() || undefined);
      setName('');
      setNote({ text: tt('account.added') });
      q.reload();
    } catch (err) {
      setNote(
        err instanceof PasskeyCancelled
          ? { text: tt('account.cancelled') }
          : err instanceof PasskeyUnsupported
            ? { text: tt('signin.passkeyUnsupported'), error: true }
            : { text: tt('account.failed', { message: (err as Error).message }), error: true },
      );
    } finally {
      setBusy(false);
    }
  };

  const remove = async (p: Passkey) => {
    if (!confirm(tt('account.confirmRemovePasskey', { name: nameOf(p) }))) return;
    try {
      await call(deletePasskey, { params: { id: p.id } });
      setNote({ text: tt('account.removed') });
    } catch (err) {
      setNote({ text: tt('account.failed', { message: (err as Error).message }), error: true });
    }
    q.reload();
  };

  return (
    <section class="card account-section" aria-labelledby="passkeys-h" data-section="passkeys">
      <h2 id="passkeys-h" class="card-title">
        {tt('account.passkeys')}
      </h2>
      <p class="muted">{tt('account.passkeysIntro')}</p>
      <div class="team-form">
        <div class="field">
          <label for="passkey-name">{tt('account.passkeyName')}</label>
          <input
            id="passkey-name"
            type="text"
            maxLength={60}
            placeholder={tt('account.passkeyNamePlaceholder')}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={add} disabled={busy} data-action="add-passkey">
            {busy ? tt('account.adding') : tt('account.addPasskey')}
          </button>
        </div>
      </div>
      <p role="status" class={note?.error ? 'form-error' : 'small'}>
        {note?.text}
      </p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data &&
          (q.data.items.length === 0 ? (
            <p class="muted">{tt('account.noPasskeys')}</p>
          ) : (
            <table class="team-table" data-testid="passkeys">
              <thead>
                <tr>
                  <th scope="col">{tt('account.passkeyName')}</th>
                  <th scope="col">{tt('account.created')}</th>
                  <th scope="col">{tt('account.lastUsed')}</th>
                  <th scope="col">
                    <span class="sr-only">{tt('account.removePasskey')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((p) => (
                  <tr key={p.id} data-passkey={p.id}>
                    <td data-label={tt('account.passkeyName')} dir="auto">
                      {nameOf(p)}
                    </td>
                    <td data-label={tt('account.created')}>{dateTime(p.createdAt)}</td>
                    <td data-label={tt('account.lastUsed')}>
                      {p.lastUsedAt ? dateTime(p.lastUsedAt) : tt('account.never')}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-small btn-danger"
                        aria-label={tt('account.removePasskeyLabel', { name: nameOf(p) })}
                        onClick={() => remove(p)}
                      >
                        {tt('account.removePasskey')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </Status>
    </section>
  );
}

function SessionsCard() {
  const { tt } = useTeamsT();
  const { signedOut } = useContext(AuthActions);
  const [note, setNote] = useState<Note>();
  const everywhere = async () => {
    if (!confirm(tt('account.confirmEverywhere'))) return;
    try {
      await call(deleteAllSessions, {}, { quiet: true });
      signedOut();
    } catch (err) {
      setNote({ text: tt('account.failed', { message: (err as Error).message }), error: true });
    }
  };
  return (
    <section class="card account-section" aria-labelledby="sessions-h">
      <h2 id="sessions-h" class="card-title">
        {tt('account.sessions')}
      </h2>
      <p class="muted">{tt('account.sessionsIntro')}</p>
      <button type="button" class="btn btn-danger" onClick={everywhere} data-action="sign-out-everywhere">
        {tt('account.signOutEverywhere')}
      </button>
      <p role="status" class={note?.error ? 'form-error' : 'small'}>
        {note?.text}
      </p>
    </section>
  );
}
