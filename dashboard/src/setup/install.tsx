import { useEffect, useState } from 'preact/hooks';
import type { ReplyOf } from '../../../shared/contract/endpoint';
import { getSite, getSiteSettings, patchSite } from '../../../shared/contract/sites';
import { SitePatch } from '../../../shared/schemas/api';
import { useCan } from '../access';
import { call } from '../api';
import { Status } from '../components/status';
import type { Site } from '../types';
import { validate } from '../validate';
import { CopyBox } from './copy-box';
import { cspLines } from './csp';
import { asIssuesOf, type Errors, Field, focusFirstError, issueMap } from './form';
import { useSetupT } from './i18n';
import { SiteTimeForm } from './site-time';

type SiteInfo = ReplyOf<typeof getSite>;

const POLL_MS = 5000;

/** The whole install: one external script, no inline code, so a strict CSP needs nothing more. */
export const snippet = (api: string, key: string) => `<script src="${api}/w.js" data-site="${key}" async></script>`;

/**
 * The command queue, for pages that call seda() before w.js has loaded. It goes at the top of one of
 * the site's own script files: inline, it would need 'unsafe-inline' or a nonce under a strict CSP.
 */
const queueStub = `window.seda = window.seda || function () { (seda.q = seda.q || []).push(arguments); };
seda('identify', 'user-42', { plan: 'pro' }); // optional: who the visitor is
seda('track', 'order_completed'); // optional: events that trigger surveys`;

const spaUsage = (api: string, key: string) => `import { init, identify, touchpoint, track } from 'seda/widget';

init({ site: '${key}', api: '${api}' });
// on every route change, name the touchpoint of the page:
touchpoint('checkout');
// optional: who the visitor is, and events that trigger surveys
identify('user-42', { plan: 'pro' });
track('order_completed');`;

/** Install: the snippet to copy, the CSP lines, SPA usage, allowed origins, and a live "is it working". */
export function Install() {
  const { st, t, dateTime, ago } = useSetupT();
  const [info, setInfo] = useState<SiteInfo>();
  const [error, setError] = useState<Error>();
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    const load = () =>
      call(getSite, {}).then(
        (d) => {
          if (!live) return;
          setInfo(d);
          setError(undefined);
        },
        (e: Error) => live && setError(e),
      );
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [nonce]);

  // Whether Turnstile is on decides the CSP lines; a key without the manage scope cannot read the
  // settings, and then gets the lines without it.
  const [turnstile, setTurnstile] = useState(false);
  const mayReadSettings = useCan()(getSiteSettings);
  useEffect(() => {
    if (!mayReadSettings) return;
    call(getSiteSettings, {}).then(
      (d) => setTurnstile(d.settings.turnstile.enabled),
      () => {},
    );
  }, [nonce]);

  const api = location.origin;
  return (
    <Status loading={!info && !error} error={info ? undefined : error} retry={() => setNonce((n) => n + 1)}>
      {info && (
        <div class="setup-grid">
          <section class="card" aria-labelledby="check-h">
            <h2 id="check-h" class="card-title">
              {st('checkTitle')}
            </h2>
            <p role="status" data-testid="last-response" class={info.lastResponseAt ? 'ok-line' : 'muted'}>
              {info.lastResponseAt ? (
                <>
                  {st('lastResponseAgo', { ago: ago(info.lastResponseAt) })}{' '}
                  <time class="muted small" dateTime={info.lastResponseAt}>
                    ({dateTime(info.lastResponseAt)})
                  </time>
                </>
              ) : (
                st('noResponseYet')
              )}
            </p>
            <p class="small">
              {st('siteKey')}: <code dir="ltr">{info.site.key}</code>
            </p>
            <button type="button" class="btn" onClick={() => setNonce((n) => n + 1)}>
              {st('checkNow')}
            </button>
          </section>
          <section class="card" aria-labelledby="snippet-h">
            <h2 id="snippet-h" class="card-title">
              {st('snippetTitle')}
            </h2>
            <p>{st('installIntro')}</p>
            <CopyBox id="snippet" label={st('snippetLabel')} text={snippet(api, info.site.key)} />
            <h3 class="sub-title">{st('queueTitle')}</h3>
            <p>{st('queueIntro')}</p>
            <CopyBox id="queue" label={st('queueLabel')} text={queueStub} />
            <h3 class="sub-title">{st('cspTitle')}</h3>
            <p>{st('cspIntro')}</p>
            <CopyBox id="csp" label={st('cspLabel')} text={cspLines(api, turnstile)} />
            <h3 class="sub-title">{st('spaTitle')}</h3>
            <p>{st('spaIntro')}</p>
            <CopyBox id="spa" label={st('spaLabel')} text={spaUsage(api, info.site.key)} />
          </section>
          <SiteForm site={info.site} onSaved={(site) => setInfo({ ...info, site })} />
          <SiteTimeForm
            site={info.site}
            rezoning={info.rezoning}
            onSaved={(site) =>
              setInfo({ ...info, site, rezoning: site.timeZone !== info.site.timeZone || info.rezoning })
            }
          />
        </div>
      )}
      {error && info && <p class="small muted">{t('errorPrefix', { message: error.message })}</p>}
    </Status>
  );
}

function SiteForm({ site, onSaved }: { site: Site; onSaved: (s: Site) => void }) {
  const ui = useSetupT();
  const { st } = ui;
  const [origins, setOrigins] = useState<string[]>(site.origins);
  const [locale, setLocale] = useState(site.locale);
  const [recontact, setRecontact] = useState(String(site.recontactDays));
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      origins: origins.map((o) => o.trim()).filter(Boolean),
      locale: locale.trim(),
      recontactDays: recontact.trim() === '' ? Number.NaN : Number(recontact),
    };
    const checked = validate(SitePatch, body, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const r = await call(patchSite, { body });
      setErrors(new Map());
      setOrigins(r.site.origins);
      setNote({ text: st('saved') });
      onSaved(r.site);
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-labelledby="origins-h" onSubmit={submit} noValidate>
      <h2 id="origins-h" class="card-title">
        {st('originsTitle')}
      </h2>
      <p>{st('originsIntro')}</p>
      {errors.get('origins') && (
        <p class="field-error" id="f-origins-err">
          {errors.get('origins')}
        </p>
      )}
      <ul class="plain-list">
        {origins.map((o, i) => (
          <li key={i} class="row-line">
            <Field
              path={`origins.${i}`}
              label={st('origin', { n: i + 1 })}
              error={errors.get(`origins.${i}`)}
              class="field-grow"
            >
              {(a) => (
                <input
                  id={a.id}
                  type="url"
                  dir="ltr"
                  value={o}
                  placeholder="https://shop.example"
                  aria-invalid={a.invalid ? 'true' : undefined}
                  aria-describedby={a.describedBy}
                  onInput={(e) => setOrigins(origins.map((x, j) => (j === i ? e.currentTarget.value : x)))}
                />
              )}
            </Field>
            <button
              type="button"
              class="btn btn-quiet-line"
              aria-label={st('removeOrigin', { origin: o || String(i + 1) })}
              onClick={() => setOrigins(origins.filter((_, j) => j !== i))}
            >
              {st('remove')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn" onClick={() => setOrigins([...origins, ''])}>
        {st('addOrigin')}
      </button>
      <div class="form-row">
        <Field path="locale" label={st('siteLocale')} error={errors.get('locale')}>
          {(a) => (
            <input
              id={a.id}
              dir="ltr"
              value={locale}
              size={8}
              aria-invalid={a.invalid ? 'true' : undefined}
              aria-describedby={a.describedBy}
              onInput={(e) => setLocale(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field path="recontactDays" label={st('siteRecontact')} error={errors.get('recontactDays')}>
          {(a) => (
            <input
              id={a.id}
              inputMode="numeric"
              dir="ltr"
              value={recontact}
              size={6}
              aria-invalid={a.invalid ? 'true' : undefined}
              aria-describedby={a.describedBy}
              onInput={(e) => setRecontact(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy} data-action="save-site">
          {busy ? st('saving') : st('save')}
        </button>
        <span role="status" class={note?.error ? 'form-status error' : 'form-status'}>
          {note?.text}
        </span>
      </div>
    </form>
  );
}
