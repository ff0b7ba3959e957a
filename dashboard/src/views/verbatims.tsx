import { useEffect, useState } from 'preact/hooks';
import { getTerms, listVerbatims } from '../../../shared/contract/insights';
import { hasSentiment } from '../../../shared/questions/registry';
import { Sentiment } from '../../../shared/schemas/api';
import { call, useEndpoint } from '../api';
import { languageName } from '../components/filter-bar';
import { Status } from '../components/status';
import type { ViewProps } from '../context';
import { useI18n } from '../i18n';
import type { Verbatim } from '../types';
import { CustomerLink } from '../why/customer-link';
import './verbatims.css';

const ICON: Record<Sentiment, string> = { positive: '☺', neutral: '•', negative: '☹' };
const PAGE = 50;

/**
 * Open-text answers with score, touchpoint and sentiment; search, sentiment filter, paging, and the
 * top recurring terms per sentiment. Respondents' text is only ever rendered as text.
 */
export function Verbatims(props: ViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { survey, filters, dates, setFilters, touchpoints } = props;
  const [draft, setDraft] = useState(filters.q ?? '');
  useEffect(() => setDraft(filters.q ?? ''), [filters.q]);
  // Search as you type, a moment after the last key (replacing the history entry, not adding one).
  useEffect(() => {
    if (draft === (filters.q ?? '')) return;
    const id = setTimeout(() => setFilters({ q: draft || undefined }, true), 350);
    return () => clearTimeout(id);
  }, [draft]);

  const list = survey && {
    params: { id: survey.id },
    query: {
      q: filters.q,
      sentiment: filters.sentiment,
      touchpoint: filters.touchpoint,
      channel: filters.channel,
      from: dates.from,
      to: dates.to,
      limit: PAGE,
    },
  };
  const first = useEndpoint(listVerbatims, list ?? null);
  const terms = useEndpoint(
    getTerms,
    survey
      ? { params: { id: survey.id }, query: { from: dates.from, to: dates.to, touchpoint: filters.touchpoint } }
      : null,
  );

  // Further pages are appended below the first (cursor paging).
  const [more, setMore] = useState<{ items: Verbatim[]; next?: string | null; busy: boolean; error?: string }>({
    items: [],
    busy: false,
  });
  useEffect(() => setMore({ items: [], next: first.data?.nextCursor, busy: false }), [first.data]);
  const loadMore = async () => {
    if (!list || !more.next) return;
    setMore((m) => ({ ...m, busy: true }));
    try {
      const page = await call(listVerbatims, { ...list, query: { ...list.query, cursor: more.next } });
      setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor, busy: false }));
    } catch (e) {
      setMore((m) => ({ ...m, busy: false, error: (e as Error).message }));
    }
  };
  const items = [...(first.data?.items ?? []), ...more.items];
  const tpName = new Map(touchpoints.map((tp) => [tp.key, tp.name]));
  // Which open question an answer replies to, when the survey has more than one.
  const prompts = new Map(
    (survey?.questions ?? []).filter((q) => hasSentiment(q.type)).map((q) => [q.id, i18n.pick(q.prompt)]),
  );

  if (!survey) return null;
  return (
    <div class="verbatims" data-state={first.loading ? 'loading' : first.data ? 'ready' : 'empty'}>
      <search>
        <form class="view-controls" onSubmit={(e) => e.preventDefault()}>
          <div class="field field-grow">
            <label for="v-q">{t('search')}</label>
            <input
              id="v-q"
              type="search"
              value={draft}
              placeholder={t('searchPlaceholder')}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && setFilters({ q: draft || undefined }, true)}
            />
          </div>
          <div class="field">
            <label for="v-sentiment">{t('sentiment')}</label>
            <select
              id="v-sentiment"
              value={filters.sentiment ?? ''}
              onChange={(e) => setFilters({ sentiment: (e.currentTarget.value || undefined) as Sentiment | undefined })}
            >
              <option value="">{t('allSentiments')}</option>
              {Sentiment.options.map((s) => (
                <option key={s} value={s}>
                  {t(`sentiment.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </form>
      </search>

      <section class="terms" aria-labelledby="terms-h">
        <h2 id="terms-h">{t('topTerms')}</h2>
        <p class="muted small">{t('topTermsHint')}</p>
        <Status loading={terms.loading} error={terms.error} retry={terms.reload}>
          {terms.data && (
            <div class="terms-grid">
              {Sentiment.options.map((s) => (
                <div key={s} class={`card terms-col sentiment-${s}`}>
                  <h3>
                    <span aria-hidden="true">{ICON[s]}</span> {t(`sentiment.${s}`)}
                  </h3>
                  {terms.data?.[s]?.length ? (
                    <ul>
                      {terms.data[s].slice(0, 12).map((x) => (
                        <li key={x.term}>
                          <button
                            type="button"
                            class="chip"
                            dir="auto"
                            aria-pressed={filters.q === x.term}
                            onClick={() => setFilters({ q: filters.q === x.term ? undefined : x.term, sentiment: s })}
                          >
                            {x.term} <span class="chip-count">{i18n.int(x.count)}</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p class="muted small">{t('noTerms')}</p>
                  )}
                </div>
              ))}
            </div>
          )}
        </Status>
      </section>

      <section aria-labelledby="vlist-h" aria-busy={first.loading}>
        <h2 id="vlist-h">{t('verbatimList')}</h2>
        <Status loading={first.loading} error={first.error} retry={first.reload}>
          {first.data && (
            <>
              <p class="muted small" role="status">
                {t('verbatimCount', { count: i18n.int(items.length) })}
              </p>
              {items.length === 0 ? (
                <p class="notice">{t('noVerbatims')}</p>
              ) : (
                <ul class="verbatim-list">
                  {items.map((v) => (
                    <li key={`${v.responseId}:${v.questionId}`} class={`card verbatim sentiment-${v.sentiment}`}>
                      <p class="verbatim-text" dir="auto" lang={v.locale ?? undefined}>
                        {v.text}
                      </p>
                      <p class="verbatim-meta small">
                        <span class={`badge badge-${v.sentiment}`}>
                          <span aria-hidden="true">{ICON[v.sentiment]}</span> {t(`sentiment.${v.sentiment}`)}
                        </span>
                        {typeof v.score === 'number' && (
                          <span class="badge">{t('scoreLabel', { score: i18n.int(v.score) })}</span>
                        )}
                        {v.touchpoint && <span>{tpName.get(v.touchpoint) ?? v.touchpoint}</span>}
                        {prompts.size > 1 && prompts.get(v.questionId) && (
                          <span class="verbatim-question" dir="auto">
                            {prompts.get(v.questionId)}
                          </span>
                        )}
                        {v.locale && <span>{languageName(i18n.locale, v.locale)}</span>}
                        {v.respondentId && <CustomerLink who={v.respondentId} />}
                        <time dateTime={new Date(v.createdAt).toISOString()}>{i18n.dateTime(v.createdAt)}</time>
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              {more.error && (
                <p class="form-error" role="alert">
                  {t('errorPrefix', { message: more.error })}
                </p>
              )}
              {more.next && (
                <button type="button" class="btn" onClick={loadMore} disabled={more.busy}>
                  {more.busy ? t('loading') : t('loadMore')}
                </button>
              )}
            </>
          )}
        </Status>
      </section>
    </div>
  );
}
