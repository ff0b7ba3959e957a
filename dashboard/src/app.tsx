import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getSegments } from '../../shared/contract/insights';
import { getResults } from '../../shared/contract/results';
import { listSurveys } from '../../shared/contract/surveys';
import { listTouchpoints } from '../../shared/contract/touchpoints';
import { cachedGet, clearCache, onUnauthorized, useEndpoint } from './api';
import { FilterBar } from './components/filter-bar';
import { LocaleToggle } from './components/locale-toggle';
import { Toolbar } from './components/toolbar';
import { VIEW_FILTERS, type ViewProps } from './context';
import { I18nContext, initialLocale, type Locale, makeI18n, saveLocale, useI18n } from './i18n';
import { lazyView } from './lazy-view';
import {
  currentRoute,
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
};
const SetupView = lazyView(() => import('./setup/view').then((m) => m.SetupView));

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const [key, setKey] = useState(getApiKey);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = i18n.dir;
  }, [locale, i18n]);

  useEffect(
    () =>
      onUnauthorized(() => {
        setKey(null);
        setExpired(true);
      }),
    [],
  );

  const toggleLocale = () => {
    const next: Locale = locale === 'fa' ? 'en' : 'fa';
    saveLocale(next);
    setLocale(next);
  };

  return (
    <I18nContext.Provider value={i18n}>
      {key ? (
        <Dashboard
          toggleLocale={toggleLocale}
          signOut={() => {
            clearApiKey();
            clearCache();
            setExpired(false);
            setKey(null);
          }}
        />
      ) : (
        <SignIn
          expired={expired}
          toggleLocale={toggleLocale}
          onSignedIn={(k) => {
            setApiKey(k);
            setExpired(false);
            setKey(k);
          }}
        />
      )}
    </I18nContext.Provider>
  );
}

function Dashboard({ toggleLocale, signOut }: { toggleLocale: () => void; signOut: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { view, filters, setup: setupRoute } = useRoute();
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
  const dates = resolveDates(filters);
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
    document.title = `${setupRoute ? setupTitle(setupRoute.view, i18n.locale) : t(`view.${view}`)} · ${t('appTitle')}`;
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
          <LocaleToggle toggle={toggleLocale} />
          <button type="button" class="btn btn-quiet" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <nav class="tabs" aria-label={t('navLabel')}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <a href={toHash({ view: v, filters })} aria-current={v === view && !setupRoute ? 'page' : undefined}>
                {t(`view.${v}`)}
              </a>
            </li>
          ))}
          {SETUP_VIEWS.map((v) => (
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
            {survey && t('reportFor', { survey: i18n.nameOf(survey) })} ·{' '}
            {t('rangeSummary', { from: i18n.day(dates.from), to: i18n.day(dates.to) })} ·{' '}
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
                !survey && <p class="notice">{t('noSurveys')}</p>
              )}
              <FilterBar {...props} />
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
