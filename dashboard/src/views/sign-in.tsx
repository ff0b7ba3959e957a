import { useRef, useState } from 'preact/hooks';
import { listSurveys } from '../../../shared/contract/surveys';
import { ApiError, call } from '../api';
import { LocaleToggle } from '../components/locale-toggle';
import { useI18n } from '../i18n';
import './sign-in.css';

/** Sign-in with a site API key; it is checked against the API before it is kept (sessionStorage). */
export function SignIn({
  expired,
  toggleLocale,
  onSignedIn,
}: {
  expired: boolean;
  toggleLocale: () => void;
  onSignedIn: (key: string) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(expired ? t('signInExpired') : '');
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const key = input.current?.value.trim() ?? '';
    if (!key) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await call(listSurveys, {}, { key });
      onSignedIn(key);
    } catch (err) {
      setBusy(false);
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? t('signInRefused')
          : t('signInFailed', { message: (err as Error).message }),
      );
      input.current?.focus();
    }
  };

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
          <LocaleToggle toggle={toggleLocale} />
        </div>
      </header>
      <main id="main" class="signin">
        <form class="card signin-card" onSubmit={submit} aria-labelledby="signin-h" noValidate>
          <h1 id="signin-h">{t('signInTitle')}</h1>
          <p class="muted">{t('signInIntro')}</p>
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
            aria-describedby={error ? 'signin-error' : undefined}
            ref={input}
          />
          {error && (
            <p id="signin-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
      </main>
    </div>
  );
}
