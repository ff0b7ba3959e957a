import { useRef, useState } from 'preact/hooks';
import { acceptInvite, type SessionReply } from '../../../shared/contract/teams';
import { ApiError, call } from '../api';
import { AuthPage } from '../views/sign-in';
import { useTeamsT } from './i18n';

/** The shortest password the Worker accepts (shared/contract/teams.ts `Password`). */
export const PASSWORD_MIN = 10;

/** The invitation token of `/dashboard/?invite=TOKEN`, if the page was opened from one. */
export const inviteToken = (): string | null => new URLSearchParams(location.search).get('invite');

/** Takes the token out of the address once used (a reload or a shared screenshot never carries it). */
export function forgetInvite(): void {
  const url = new URL(location.href);
  url.searchParams.delete('invite');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/**
 * Accepting an invitation: the invited person chooses a password (or gives theirs, if they already
 * belong to another site) and a name, and is signed in on the inviting site.
 */
export function AcceptInvite({
  token,
  onSignedIn,
  onSignIn,
}: {
  token: string;
  onSignedIn: (session: SessionReply) => void;
  onSignIn: () => void;
}) {
  const { tt } = useTeamsT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field?: 'password' | 'confirm'; final?: boolean }>();
  const name = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const pw = password.current?.value ?? '';
    if (pw.length < PASSWORD_MIN) {
      setError({ text: tt('invite.tooShort', { n: PASSWORD_MIN }), field: 'password' });
      password.current?.focus();
      return;
    }
    if (pw !== confirm.current?.value) {
      setError({ text: tt('invite.mismatch'), field: 'confirm' });
      confirm.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const who = name.current?.value.trim();
    try {
      const session = await call(
        acceptInvite,
        { params: { token }, body: { password: pw, ...(who ? { name: who } : {}) } },
        { quiet: true },
      );
      forgetInvite();
      onSignedIn(session);
    } catch (err) {
      setBusy(false);
      const status = err instanceof ApiError ? err.status : 0;
      if (status === 404 || status === 400) setError({ text: tt('invite.gone'), final: true });
      else if (status === 410) setError({ text: tt('invite.expired'), final: true });
      else if (status === 401) {
        setError({ text: tt('invite.wrongPassword'), field: 'password' });
        password.current?.focus();
      } else setError({ text: tt('signin.failed', { message: (err as Error).message }) });
    }
  };

  const invalid = (f: 'password' | 'confirm') => (error?.field === f ? 'true' : undefined);
  return (
    <AuthPage>
      <form class="card signin-card" onSubmit={submit} aria-labelledby="invite-h" noValidate data-form="invite">
        <h1 id="invite-h">{tt('invite.title')}</h1>
        <p class="muted">{tt('invite.intro')}</p>
        <p class="field-hint">{tt('invite.existing')}</p>
        <label for="invite-name">{tt('invite.name')}</label>
        <input id="invite-name" name="name" type="text" autoComplete="name" maxLength={120} ref={name} />
        <label for="invite-password">{tt('invite.password')}</label>
        <input
          id="invite-password"
          name="password"
          type="password"
          autoComplete="new-password"
          dir="ltr"
          minLength={PASSWORD_MIN}
          required
          aria-invalid={invalid('password')}
          aria-describedby={`invite-hint${error ? ' invite-error' : ''}`}
          ref={password}
        />
        <p id="invite-hint" class="field-hint">
          {tt('invite.passwordHint', { n: PASSWORD_MIN })}
        </p>
        <label for="invite-confirm">{tt('invite.confirm')}</label>
        <input
          id="invite-confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          dir="ltr"
          required
          aria-invalid={invalid('confirm')}
          aria-describedby={error ? 'invite-error' : undefined}
          ref={confirm}
        />
        {error && (
          <p id="invite-error" class="form-error" role="alert">
            {error.text}
          </p>
        )}
        {error?.final ? (
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => {
              forgetInvite();
              onSignIn();
            }}
          >
            {tt('invite.toSignIn')}
          </button>
        ) : (
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? tt('invite.busy') : tt('invite.submit')}
          </button>
        )}
      </form>
    </AuthPage>
  );
}
