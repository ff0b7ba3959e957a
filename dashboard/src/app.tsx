import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listCases } from '../../shared/contract/cases';
import type { Endpoint } from '../../shared/contract/endpoint';
import { getAtRisk, getJourney, getSegments, listVerbatims } from '../../shared/contract/insights';
import { getRespondent } from '../../shared/contract/respondents';
import { getResults } from '../../shared/contract/results';
import { getSite } from '../../shared/contract/sites';
import { listSurveys } from '../../shared/contract/surveys';
import { deleteSession, getSession, type SessionReply } from '../../shared/contract/teams';
import { listTouchpoints } from '../../shared/contract/touchpoints';
import { getDrivers, getOutcomes, getSurveyTopics } from '../../shared/contract/why';
import { type Access, AccessContext, AuthActions, canDo, useAccess } from './access';
import { ApiError, cachedGet, call, clearCache, onUnauthorized, useEndpoint } from './api';
import { FilterBar } from './components/filter-bar';
import { LocalePicker } from './components/locale-picker';
import { Toolbar } from './components/toolbar';
import { VIEW_FILTERS, type ViewProps } from './context';
import {
  ChooseLocaleContext,
  I18nContext,
  initialLocale,
  type Locale,
  loadLocale,
  makeI18n,
  saveLocale,
  useI18n,
} from './i18n';
import { lazyView } from './lazy-view';
import {
  currentRoute,
  LINKED_VIEWS,
  navigate,
  resolveDates,
  SETUP_VIEWS,
  setupHash,
  toHash,
  useRoute,
  VIEWS,
  type View,
} from './route';
import { clearApiKey, getApiKey, setApiKey } from './session';
import { setupTitle } from './setup/titles';
import { SETUP_ENDPOINTS } from './setup-tabs';
import { siteToday, useSiteTime } from './site-time';
import { AccountMenu } from './teams/account-menu';
import { AcceptInvite, inviteToken } from './teams/invite';
import { Overview, resultsInputFor } from './views/overview';
import { SignIn } from './views/sign-in';

// The overview (where a visit starts) is in the first load; every other screen is fetched on its
// first visit. `import()` of a literal path: Vite emits each as its own file.
const VIEW_COMPONENTS: Record<View, ComponentType<ViewProps>> = {
  overview: Overview,
  journey: lazyView(() => import('./views/journey').then((m) => m.Journey)),
  segments: lazyView(() => import('./views/segments').then((m) => m.Segments)),
  verbatims: lazyView(() => import('./views/verbatims').then((m) => m.Verbatims)),
  'at-risk': lazyView(() => import('./views/at-risk').then((m) => m.AtRisk)),
  inbox: lazyView(() => import('./views/inbox').then((m) => m.Inbox)),
  'drop-off': lazyView(() => import('./views/drop-off').then((m) => m.DropOff)),
  drivers: lazyView(() => import('./why/drivers').then((m) => m.Drivers)),
  topics: lazyView(() => import('./why/topics').then((m) => m.Topics)),
  outcomes: lazyView(() => import('./why/outcomes').then((m) => m.Outcomes)),
  customer: lazyView(() => import('./why/customer').then((m) => m.Customer)),
};
const SetupView = lazyView(() => import('./setup/view').then((m) => m.SetupView));

/** Who is at the dashboard: being checked, nobody, someone invited, an operator's key, or a member. */
type Auth =
  | { kind: 'checking' }
  /** `via`: how this browser was signed in, so the form offered again is the one used (a key, or a person's). */
  | { kind: 'signed-out'; expired: boolean; via?: 'key' | 'member' }
  | { kind: 'invite'; token: string }
  | { kind: 'key'; key: string; scopes: readonly string[] | undefined }
  | { kind: 'member'; session: SessionReply };

/** The session cookie's member, or null when nobody is signed in (index.html may have asked already). */
async function probeSession(): Promise<SessionReply | null> {
  const early = window.__sedaPreload?.['/v1/session'] as Promise<SessionReply | null> | undefined;
  if (early) {
    delete window.__sedaPreload?.['/v1/session'];
    const s = await early.catch(() => undefined);
    if (s !== undefined) return s;
  }
  try {
    return await call(getSession, {}, { quiet: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

function initialAuth(): Auth {
  const token = inviteToken();
  if (token) return { kind: 'invite', token };
  const key = getApiKey();
  return key ? { kind: 'key', key, scopes: undefined } : { kind: 'checking' };
}

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const [auth, setAuth] = useState<Auth>(initialAuth);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = i18n.dir;
  }, [locale, i18n]);

  useEffect(
    () =>
      onUnauthorized(() => {
        clearApiKey();
        setAuth((a) => ({ kind: 'signed-out', expired: true, via: a.kind === 'key' ? 'key' : 'member' }));
      }),
    [],
  );

  // A cookie session, if this browser has one.
  useEffect(() => {
    if (auth.kind !== 'checking') return;
    probeSession().then(
      (session) => setAuth(session ? { kind: 'member', session } : { kind: 'signed-out', expired: false }),
      () => setAuth({ kind: 'signed-out', expired: false }),
    );
  }, [auth.kind]);

  // A key's scopes decide what is offered; until they are known, the Worker alone refuses.
  const keyToAsk = auth.kind === 'key' && auth.scopes === undefined ? auth.key : null;
  useEffect(() => {
    if (!keyToAsk) return;
    cachedGet(getSite, {}, 'low').then(
      (r) => setAuth((a) => (a.kind === 'key' ? { ...a, scopes: r.scopes ?? ['read', 'manage'] } : a)),
      () => {},
    );
  }, [keyToAsk]);

  // The new language's dictionary is fetched first (its own chunk), so the dashboard never renders
  // half in one language; if it cannot be fetched (offline), the language stays as it was.
  const chooseLocale = (next: Locale) => {
    loadLocale(next).then(
      () => {
        saveLocale(next);
        setLocale(next);
      },
      () => {},
    );
  };

  const signedOut = () => {
    clearApiKey();
    clearCache();
    setAuth((a) => ({ kind: 'signed-out', expired: false, via: a.kind === 'key' ? 'key' : 'member' }));
  };
  const signedIn = (session: SessionReply) => {
    clearApiKey();
    clearCache();
    setAuth({ kind: 'member', session });
  };

  const access: Access | null =
    auth.kind === 'member'
      ? { kind: 'member', session: auth.session }
      : auth.kind === 'key'
        ? { kind: 'key', scopes: auth.scopes }
        : null;

  return (
    <I18nContext.Provider value={i18n}>
      <ChooseLocaleContext.Provider value={chooseLocale}>
        {access ? (
          <AccessContext.Provider value={access}>
            <AuthActions.Provider value={{ signedOut, signedIn }}>
              <Dashboard
                key={access.kind === 'member' ? access.session.site.id : 'key'}
                signOut={() => {
                  if (auth.kind === 'member') call(deleteSession, {}, { quiet: true }).catch(() => {});
                  signedOut();
                }}
              />
            </AuthActions.Provider>
          </AccessContext.Provider>
        ) : auth.kind === 'invite' ? (
          <AcceptInvite token={auth.token} onSignedIn={signedIn} onSignIn={() => setAuth({ kind: 'checking' })} />
        ) : auth.kind === 'checking' ? (
          <p class="loading" role="status">
            {i18n.t('loading')}
          </p>
        ) : (
          <SignIn
            expired={auth.kind === 'signed-out' && auth.expired}
            withKey={auth.kind === 'signed-out' && auth.via === 'key'}
            onSignedIn={signedIn}
            onKey={(k) => {
              setApiKey(k);
              clearCache();
              setAuth({ kind: 'key', key: k, scopes: undefined });
            }}
          />
        )}
      </ChooseLocaleContext.Provider>
    </I18nContext.Provider>
  );
}

/** What each results view reads: a view is offered to whoever may read it (shared/contract/roles.ts). */
const VIEW_ENDPOINTS: Record<View, Endpoint> = {
  overview: getResults,
  journey: getJourney,
  segments: getSegments,
  verbatims: listVerbatims,
  'at-risk': getAtRisk,
  inbox: listCases,
  'drop-off': getResults,
  drivers: getDrivers,
  topics: getSurveyTopics,
  outcomes: getOutcomes,
  customer: getRespondent,
};
function Dashboard({ signOut }: { signOut: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const access = useAccess();
  const can = (e: Pick<Endpoint, 'access' | 'roles' | 'tag'>) => canDo(access, e);
  const { view, filters, setup: setupRoute } = useRoute();
  const views = VIEWS.filter((v) => can(VIEW_ENDPOINTS[v]));
  const setupViews = SETUP_VIEWS.filter((v) => SETUP_ENDPOINTS[v].every(can));
  const surveysQ = useEndpoint(listSurveys, {});
  const touchpointsQ = useEndpoint(listTouchpoints, {}, 'low');
  const surveys = surveysQ.data?.items ?? [];
  // A link naming a survey that no longer exists says so instead of silently showing another one.
  const missing = !!filters.survey && !!surveysQ.data && !surveys.some((s) => s.id === filters.survey);
  const survey = missing
    ? undefined
    : (surveys.find((s) => s.id === (filters.survey ?? lastSurvey())) ??
      surveys.find((s) => s.status === 'active') ??
      surveys[0]);
  const time = useSiteTime();
  const dates = resolveDates(filters, siteToday(time), time.calendar);
  // The segment menu counts answers in the selected period, like every number beside it.
  const segmentsQ = useEndpoint(
    getSegments,
    survey ? { query: { surveyId: survey.id, from: dates.from, to: dates.to } } : null,
    'low',
  );

  // A returning user's results request starts with the survey list, not after it (first render).
  useEffect(() => {
    const id = filters.survey ?? lastSurvey();
    if (id && (view === 'overview' || view === 'drop-off'))
      cachedGet(getResults, resultsInputFor(id, dates, filters)).catch(() => {});
  }, []); // once, on arrival
  useEffect(() => {
    if (survey) rememberSurvey(survey.id);
  }, [survey]);

  const props: ViewProps = {
    view,
    survey,
    surveys,
    touchpoints: touchpointsQ.data?.items ?? [],
    segments: segmentsQ.data,
    filters,
    dates,
    // Merged into the route as it is now, so a late call (a debounced search) never undoes a newer
    // filter; on a set-up screen it changes nothing there (navigate keeps that screen's hash).
    setFilters: (patch, replace) => {
      const now = currentRoute();
      navigate({ ...now, filters: { ...now.filters, ...patch } }, replace);
    },
  };

  // A new view moves focus to its heading so screen readers announce it; the title follows too.
  const h1 = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${setupRoute ? setupTitle(setupRoute.view, i18n.locale) : t(`view.${view}`)}${i18n.sep}${t('appTitle')}`;
    if (first.current) first.current = false;
    else h1.current?.focus();
    // On a phone the tabs scroll sideways: keep the current one in sight.
    document.querySelector('.tabs [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [view, t, setupRoute?.view, setupRoute?.id]);

  const Current = VIEW_COMPONENTS[view];
  return (
    <div class={`shell view-${setupRoute?.view ?? view}`}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link; with hash routing it must move focus itself */}
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <p id="announcer" class="sr-only" role="status" aria-live="polite" />
      <header class="topbar">
        <p class="brand">
          <span class="logo" aria-hidden="true">
            ◉
          </span>{' '}
          {t('appName')}
        </p>
        <div class="topbar-actions">
          <AccountMenu />
          <LocalePicker />
          <button type="button" class="btn btn-quiet" onClick={signOut} data-action="sign-out">
            {t('signOut')}
          </button>
        </div>
      </header>
      <nav class="tabs" aria-label={t('navLabel')}>
        <ul>
          {views
            .filter((v) => !LINKED_VIEWS.includes(v))
            .map((v) => (
              <li key={v}>
                <a href={toHash({ view: v, filters })} aria-current={v === view && !setupRoute ? 'page' : undefined}>
                  {t(`view.${v}`)}
                </a>
              </li>
            ))}
          {setupViews.map((v) => (
            <li key={v} class="tab-setup">
              <a
                href={setupHash({ view: v })}
                aria-current={
                  setupRoute?.view === v ||
                  (v === 'surveys' && (setupRoute?.view === 'editor' || setupRoute?.view === 'distribute'))
                    ? 'page'
                    : undefined
                }
              >
                {setupTitle(v, i18n.locale)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {setupRoute ? (
        <main id="main" tabIndex={-1}>
          <SetupView
            route={setupRoute}
            h1={h1}
            onChanged={() => {
              surveysQ.reload();
              touchpointsQ.reload();
            }}
          />
        </main>
      ) : (
        <main id="main" tabIndex={-1}>
          <div class="page-head">
            <h1 ref={h1} tabIndex={-1}>
              {t(`view.${view}`)}
            </h1>
            {survey && VIEW_FILTERS[view].includes('survey') && (
              <Toolbar view={view} survey={survey} dates={dates} filters={filters} />
            )}
          </div>
          <p class="print-only report-head">
            {/* the language's separator: "·" reads as a zero beside Persian digits, Arabic takes "،" */}
            {survey && t('reportFor', { survey: i18n.nameOf(survey) })}
            {survey && i18n.sep}
            {t('rangeSummary', { from: i18n.day(dates.from), to: i18n.day(dates.to) })}
            {i18n.sep}
            {t('generatedOn', { date: i18n.day(Date.now()) })}
          </p>
          {surveysQ.error ? (
            <div class="notice notice-error" role="alert">
              <p>{t('errorPrefix', { message: surveysQ.error.message })}</p>
              <button type="button" class="btn" onClick={surveysQ.reload}>
                {t('retry')}
              </button>
            </div>
          ) : surveysQ.loading && !surveysQ.data ? (
            <p class="loading" role="status">
              {t('loading')}
            </p>
          ) : (
            <>
              {missing ? (
                <p class="notice" role="alert" data-missing-survey>
                  {t('surveyMissing')}
                </p>
              ) : (
                !survey && (
                  <p class="notice" data-no-surveys>
                    {t('noSurveys')} <a href={setupHash({ view: 'surveys' })}>{t('openSurveys')}</a>
                  </p>
                )
              )}
              {/* one customer's page is not filtered: it shows all of their history */}
              {view !== 'customer' && <FilterBar {...props} />}
              {!missing && <Current {...props} />}
            </>
          )}
        </main>
      )}
    </div>
  );
}

const LAST_SURVEY = 'seda.survey';
function lastSurvey(): string | undefined {
  try {
    return localStorage.getItem(LAST_SURVEY) ?? undefined;
  } catch {
    return undefined;
  }
}
function rememberSurvey(id: string): void {
  try {
    localStorage.setItem(LAST_SURVEY, id);
  } catch {
    /* no storage */
  }
}
