import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { listSurveys } from '../../../shared/contract/surveys';
import { createSession, type SessionReply } from '../../../shared/contract/teams';
import { ApiError, call, NetworkError } from '../api';
import { LocalePicker } from '../components/locale-picker';
import { useI18n } from '../i18n';
import { useTeamsT } from '../teams/i18n';
import { PasskeyCancelled, PasskeyUnsupported, signInWithPasskey } from '../teams/passkey';
import './sign-in.css';

/** The page around the sign-in and invitation forms: the brand, the language picker, one card. */
export function AuthPage({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <div class="signin-page">
      <header class="topbar">
        <p class="brand">
          <span class="logo" aria-hidden="true">
            ◉
          </span>{' '}
          {t('appName')}
        </p>
        <div class="topbar-actions">
          <LocalePicker />
        </div>
      </header>
      <main id="main" class="signin">
        {children}
      </main>
    </div>
  );
}

/** Minutes until a locked sign-in may try again, from the 429's Retry-After (seconds). */
export const minutesOf = (err: ApiError) => Math.max(1, Math.ceil(Number(err.retryAfter ?? 900) / 60));

/**
 * Sign-in for people: email and password, or a passkey. An operator may still use a site API key
 * ("Use an API key instead"): it is checked against the API before it is kept (sessionStorage).
 */
export function SignIn({
  expired,
  withKey,
  onSignedIn,
  onKey,
}: {
  expired: boolean;
  /** Offer the key form first: this tab was signed in with a key. */
  withKey: boolean;
  onSignedIn: (session: SessionReply) => void;
  onKey: (key: string) => void;
}) {
  const { t } = useI18n();
  const { tt } = useTeamsT();
  const [mode, setMode] = useState<'person' | 'key'>(withKey ? 'key' : 'person');
  const [busy, setBusy] = useState<'' | 'password' | 'passkey' | 'key'>('');
  const [error, setError] = useState(expired ? (withKey ? t('signInExpired') : tt('signin.expired')) : '');
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const keyInput = useRef<HTMLInputElement>(null);

  const failed = (err: unknown) =>
    err instanceof NetworkError || !(err instanceof ApiError)
      ? tt('signin.failed', { message: (err as Error).message })
      : err.status === 429
        ? tt('signin.locked', { minutes: minutesOf(err) })
        : null;

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { email: email.current?.value.trim() ?? '', password: password.current?.value ?? '' };
    if (!body.email || !body.password) {
      setError(tt('signin.required'));
      (body.email ? password : email).current?.focus();
      return;
    }
    setBusy('password');
    setError('');
    try {
      onSignedIn(await call(createSession, { body }, { quiet: true }));
    } catch (err) {
      setBusy('');
      setError(failed(err) ?? tt('signin.refused'));
      password.current?.focus();
    }
  };

  const passkey = async () => {
    setBusy('passkey');
    setError('');
    try {
      onSignedIn(await signInWithPasskey());
    } catch (err) {
      setBusy('');
      setError(
        err instanceof PasskeyCancelled
          ? tt('signin.passkeyCancelled')
          : err instanceof PasskeyUnsupported
            ? tt('signin.passkeyUnsupported')
            : (failed(err) ?? tt('signin.passkeyRefused')),
      );
    }
  };

  const submitKey = async (e: Event) => {
    e.preventDefault();
    const key = keyInput.current?.value.trim() ?? '';
    if (!key) {
      keyInput.current?.focus();
      return;
    }
    setBusy('key');
    setError('');
    try {
      await call(listSurveys, {}, { key });
      onKey(key);
    } catch (err) {
      setBusy('');
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? t('signInRefused')
          : t('signInFailed', { message: (err as Error).message }),
      );
      keyInput.current?.focus();
    }
  };

  const errorLine = error && (
    <p id="signin-error" class="form-error" role="alert">
      {error}
    </p>
  );
  const described = error ? 'signin-error' : undefined;

  return (
    <AuthPage>
      {mode === 'person' ? (
        <div class="card signin-card">
          <form class="signin-form" onSubmit={submit} aria-labelledby="signin-h" noValidate data-form="password">
            <h1 id="signin-h">{tt('signin.title')}</h1>
            <p class="muted">{tt('signin.intro')}</p>
            <label for="signin-email">{tt('signin.email')}</label>
            <input
              id="signin-email"
              name="email"
              type="email"
              autoComplete="username webauthn"
              spellcheck={false}
              autoCapitalize="off"
              dir="ltr"
              required
              aria-describedby={described}
              ref={email}
            />
            <label for="signin-password">{tt('signin.password')}</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              aria-invalid={error && busy === '' ? 'true' : undefined}
              aria-describedby={described}
              ref={password}
            />
            {errorLine}
            <button type="submit" class="btn btn-primary" disabled={busy !== ''}>
              {busy === 'password' ? tt('signin.busy') : tt('signin.submit')}
            </button>
          </form>
          <p class="signin-or" aria-hidden="true">
            <span>{tt('signin.or')}</span>
          </p>
          <button type="button" class="btn" onClick={passkey} disabled={busy !== ''} data-action="passkey-sign-in">
            {busy === 'passkey' ? tt('signin.passkeyBusy') : tt('signin.passkey')}
          </button>
          <button
            type="button"
            class="btn-link signin-switch"
            onClick={() => {
              setError('');
              setMode('key');
            }}
            data-action="use-key"
          >
            {tt('signin.useKey')}
          </button>
        </div>
      ) : (
        <form class="card signin-card" onSubmit={submitKey} aria-labelledby="signin-h" noValidate data-form="key">
          <h1 id="signin-h">{t('signInTitle')}</h1>
          <p class="muted">{tt('signin.keyIntro')}</p>
          <label for="api-key">{t('apiKey')}</label>
          <input
            id="api-key"
            name="apiKey"
            type="password"
            autoComplete="off"
            spellcheck={false}
            autoCapitalize="off"
            dir="ltr"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
            ref={keyInput}
          />
          {errorLine}
          <button type="submit" class="btn btn-primary" disabled={busy !== ''}>
            {busy === 'key' ? t('signingIn') : t('signIn')}
          </button>
          <button
            type="button"
            class="btn-link signin-switch"
            onClick={() => {
              setError('');
              setMode('person');
            }}
          >
            {tt('signin.usePassword')}
          </button>
        </form>
      )}
    </AuthPage>
  );
}
