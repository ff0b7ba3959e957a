import './why.css';
import { type ComponentChildren, Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getSurveyTopics, getTopics, putTopics, type SurveyTopics, type TopicList } from '../../../shared/contract/why';
import { addDays, daysBetween } from '../../../shared/dates';
import { TopicsBody } from '../../../shared/schemas/api';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { asIssuesOf, issueMap } from '../setup/form';
import { validate } from '../validate';
import { useWhyT } from './i18n';

type Topic = TopicList['topics'][number];
/** A topic as edited: terms as typed (split on save). */
type Draft = { key: string; en: string; fa: string; ar: string; terms: string };

const toDraft = (t: Topic): Draft => ({
  key: t.key,
  en: t.label.en ?? '',
  fa: t.label.fa ?? '',
  ar: t.label.ar ?? '',
  terms: t.terms.join('\n'),
});
const fromDraft = (d: Draft) => ({
  key: d.key.trim(),
  label: {
    ...(d.en.trim() ? { en: d.en.trim() } : {}),
    ...(d.fa.trim() ? { fa: d.fa.trim() } : {}),
    ...(d.ar.trim() ? { ar: d.ar.trim() } : {}),
  },
  terms: d.terms
    .split(/[\n,،]/)
    .map((s) => s.trim())
    .filter(Boolean),
});

/** A key for a suggested term: its Latin letters, else `topic-N` (keys are Latin slugs). */
function keyFor(term: string, taken: ReadonlySet<string>): string {
  const base =
    term
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'topic';
  let k = base;
  for (let i = 2; taken.has(k); i++) k = `${base}-${i}`;
  return k;
}

/**
 * Topics of the open-text answers: counts by sentiment (and by touchpoint) with their trend, terms
 * that recur in answers no topic covers, and the site's topic list to edit. Saving the list answers
 * at once; stored answers are re-tagged by a background job, which the screen says.
 */
export function Topics(props: ViewProps) {
  const w = useWhyT();
  const { wt, t } = w;
  const { survey, dates, touchpoints } = props;
  const list = useEndpoint(getTopics, {});
  const counts = useEndpoint(
    getSurveyTopics,
    survey ? { params: { id: survey.id }, query: { from: dates.from, to: dates.to } } : null,
  );
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (list.data && drafts === null) setDrafts(list.data.topics.map(toDraft));
  }, [list.data]);
  useEffect(() => {
    if (counts.data) announce(t('announceCount', { count: w.int(counts.data.topics.length) }));
  }, [counts.data]);

  const labelOf = (key: string) => {
    const topic = list.data?.topics.find((x) => x.key === key);
    return topic ? w.pick(topic.label) || key : key;
  };
  const tpName = (key: string) => {
    if (!key) return wt('topics.noTouchpoint');
    const tp = touchpoints.find((x) => x.key === key);
    return tp ? w.nameOf(tp) : key;
  };

  const save = async (next: Draft[]) => {
    const body = { topics: next.map(fromDraft) };
    const checked = validate(TopicsBody, body, w);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setEditing(true);
      setMessage({ ok: false, text: wt('topics.saveFailed', { message: checked.error.issues[0]?.message ?? '' }) });
      return;
    }
    setSaving(true);
    setMessage(null);
    setErrors(new Map());
    try {
      const stored = await call(putTopics, { body: checked.data });
      setDrafts(stored.topics.map(toDraft));
      setMessage({ ok: true, text: wt('topics.saved') });
      announce(wt('topics.saved'));
      list.reload();
      counts.reload();
    } catch (e) {
      setErrors(issueMap(asIssuesOf(e, w.locale)));
      setMessage({ ok: false, text: wt('topics.saveFailed', { message: (e as Error).message }) });
    } finally {
      setSaving(false);
    }
  };

  const addSuggestion = (term: string) => {
    const current = drafts ?? [];
    const key = keyFor(term, new Set(current.map((d) => d.key)));
    const latin = /^[\x20-\x7e]+$/.test(term);
    const fa = /[\u0600-\u06ff]/.test(term);
    const next = [...current, { key, en: latin ? term : '', fa: fa ? term : '', ar: '', terms: term }];
    setDrafts(next);
    void save(next);
  };

  if (!survey) return null;
  return (
    <div class="why topics" data-state={counts.loading ? 'loading' : counts.data ? 'ready' : 'empty'}>
      <p class="muted">{wt('topics.intro')}</p>
      {message && (
        <p
          class={message.ok ? 'notice' : 'notice notice-error'}
          role={message.ok ? 'status' : 'alert'}
          data-saved={message.ok ? 'yes' : 'no'}
        >
          {message.text}
        </p>
      )}
      <Status loading={counts.loading} error={counts.error} retry={counts.reload}>
        {counts.data && (
          <>
            <p>{wt('topics.answers', { n: counts.data.n })}</p>
            {counts.data.topics.length === 0 ? (
              <p class="notice">{wt('topics.noText')}</p>
            ) : (
              <TopicTable data={counts.data} labelOf={labelOf} />
            )}
            {counts.data.topics.length > 0 && (
              <details class="card tp-details">
                <summary>{wt('topics.byTouchpoint')}</summary>
                <SentimentTable
                  caption={wt('topics.tpCaption')}
                  rows={counts.data.topics.flatMap((tp) => tp.touchpoints.map((x) => ({ ...x, topic: tp.key })))}
                  rowKey={(x) => `${x.topic}:${x.touchpoint}`}
                  topic={(x) => labelOf(x.topic)}
                  before={[{ head: t('touchpoint'), cell: (x) => <td>{tpName(x.touchpoint)}</td> }]}
                />
              </details>
            )}
            <section class="card suggested" aria-labelledby="suggested-title">
              <h2 id="suggested-title" class="card-title">
                {wt('topics.suggested')}
              </h2>
              <p class="small muted">{wt('topics.suggestedIntro')}</p>
              {counts.data.suggested.length === 0 ? (
                <p class="small">{wt('topics.noSuggested')}</p>
              ) : (
                <ul class="suggested-list">
                  {counts.data.suggested.map((s) => (
                    <li key={s.term} data-term={s.term}>
                      <span dir="auto" class="suggested-term">
                        {s.term}
                      </span>{' '}
                      <span class="small muted">{wt('topics.suggestedCount', { n: s.count })}</span>{' '}
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={saving || !drafts}
                        aria-label={wt('topics.add', { term: s.term })}
                        onClick={() => addSuggestion(s.term)}
                      >
                        {wt('topics.addShort')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </Status>
      <section class="card topic-editor" aria-labelledby="topic-editor-title">
        <div class="editor-head">
          <h2 id="topic-editor-title" class="card-title">
            {wt('topics.editor')}
          </h2>
          <button type="button" class="btn" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? wt('topics.close') : wt('topics.edit')}
          </button>
        </div>
        <p class="small muted">{wt('topics.editorIntro')}</p>
        {list.data && !list.data.custom && <p class="small">{wt('topics.defaults')}</p>}
        {editing && drafts && (
          <TopicEditor
            drafts={drafts}
            setDrafts={setDrafts}
            errors={errors}
            saving={saving}
            onSave={() => save(drafts)}
          />
        )}
      </section>
    </div>
  );
}

/** Topic × sentiment with the change from the previous period and a per-day sparkline. */
function TopicTable({ data, labelOf }: { data: SurveyTopics; labelOf: (k: string) => string }) {
  const w = useWhyT();
  const { wt } = w;
  const days = daysBetween(data.range.from, data.range.to) + 1;
  return (
    <SentimentTable
      caption={wt('topics.caption')}
      class="topics-table"
      rows={data.topics}
      rowKey={(tp) => tp.key}
      rowAttrs={(tp) => ({ 'data-topic': tp.key })}
      topic={(tp) => labelOf(tp.key)}
      after={[
        {
          head: wt('topics.col.change'),
          num: true,
          cell: (tp) => (
            <td class="num nowrap">
              {w.signed(tp.n - tp.previous)}{' '}
              <span class="small muted">({wt('topics.previous', { n: tp.previous })})</span>
            </td>
          ),
        },
        {
          head: wt('topics.col.trend'),
          cell: (tp) => {
            const perDay = new Map(tp.trend.map((d) => [d.day, d.n]));
            const series = Array.from({ length: days }, (_, i) => perDay.get(addDays(data.range.from, i)) ?? 0);
            return (
              <td>
                <Sparkline values={series} label={wt('topics.trendLabel', { topic: labelOf(tp.key), total: tp.n })} />
              </td>
            );
          },
        },
      ]}
    />
  );
}

type Sentiments = { n: number; positive: number; neutral: number; negative: number };
/** A column of the caller's beside the sentiment counts: its heading and its cell (a `<td>`). */
type Column<R> = { head: ComponentChildren; num?: boolean; cell: (row: R) => ComponentChildren };

/**
 * Mentions by sentiment, a row per topic (or per topic and touchpoint): the topic, the caller's
 * columns `before` the counts, the answers and their positive, neutral and negative shares, then the
 * caller's columns `after` them. The one shape of both topic tables.
 */
function SentimentTable<R extends Sentiments>({
  caption,
  class: cls,
  rows,
  rowKey,
  rowAttrs,
  topic,
  before = [],
  after = [],
}: {
  caption: string;
  class?: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** data attributes of a row (what tests and styles find it by) */
  rowAttrs?: (row: R) => Record<string, string>;
  topic: (row: R) => ComponentChildren;
  before?: readonly Column<R>[];
  after?: readonly Column<R>[];
}) {
  const { wt, int } = useWhyT();
  const head = (c: Column<R>, i: number) => (
    <th key={i} scope="col" class={c.num ? 'num' : undefined}>
      {c.head}
    </th>
  );
  return (
    <TableWrap label={caption}>
      <table class={cls ? `data ${cls}` : 'data'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{wt('topics.col.topic')}</th>
            {before.map(head)}
            {(['n', 'positive', 'neutral', 'negative'] as const).map((k) => (
              <th key={k} scope="col" class="num">
                {wt(`topics.col.${k}`)}
              </th>
            ))}
            {after.map(head)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowAttrs?.(r)}>
              <th scope="row">{topic(r)}</th>
              {before.map((c, i) => (
                <Fragment key={i}>{c.cell(r)}</Fragment>
              ))}
              <td class="num">{int(r.n)}</td>
              <td class="num">{int(r.positive)}</td>
              <td class="num">{int(r.neutral)}</td>
              <td class="num" data-negative>
                {int(r.negative)}
              </td>
              {after.map((c, i) => (
                <Fragment key={i}>{c.cell(r)}</Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Mentions per day as bars, oldest first in reading order (mirrored in RTL). */
function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const W = 120;
  const H = 24;
  const bw = W / Math.max(1, values.length);
  return (
    <svg class="spark" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      {values.map((v, i) => (
        <rect key={i} x={i * bw} y={H - (v / max) * H} width={Math.max(1, bw - 1)} height={(v / max) * H} />
      ))}
    </svg>
  );
}

function TopicEditor({
  drafts,
  setDrafts,
  errors,
  saving,
  onSave,
}: {
  drafts: Draft[];
  setDrafts: (d: Draft[]) => void;
  errors: Map<string, string>;
  saving: boolean;
  onSave: () => void;
}) {
  const w = useWhyT();
  const { wt } = w;
  const set = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const err = (i: number, field: string) => {
    for (const [k, v] of errors) if (k === `topics.${i}.${field}` || k.startsWith(`topics.${i}.${field}.`)) return v;
    return undefined;
  };
  const listError = errors.get('topics');
  return (
    <form
      class="topic-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {listError && (
        <p class="form-error" role="alert">
          {listError}
        </p>
      )}
      <ol class="topic-drafts">
        {drafts.map((d, i) => {
          const id = (f: string) => `topic-${i}-${f}`;
          const field = (
            f: keyof Draft,
            labelText: string,
            opts: { dir?: 'ltr' | 'rtl' | 'auto'; area?: boolean; hint?: string } = {},
          ) => {
            const e = err(i, f === 'en' || f === 'fa' || f === 'ar' ? `label.${f}` : f);
            const describedBy = [e ? `${id(f)}-err` : '', opts.hint ? `${id(f)}-hint` : ''].filter(Boolean).join(' ');
            const common = {
              id: id(f),
              value: d[f],
              dir: opts.dir,
              'aria-invalid': e ? ('true' as const) : undefined,
              'aria-describedby': describedBy || undefined,
              onInput: (ev: Event) => set(i, { [f]: (ev.currentTarget as HTMLInputElement).value }),
            };
            return (
              <div class="field">
                <label for={id(f)}>{labelText}</label>
                {opts.area ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
                {opts.hint && (
                  <span id={`${id(f)}-hint`} class="field-hint">
                    {opts.hint}
                  </span>
                )}
                {e && (
                  <span id={`${id(f)}-err`} class="form-error">
                    {e}
                  </span>
                )}
              </div>
            );
          };
          return (
            <li key={i} class="topic-draft" aria-label={wt('topics.topicN', { n: i + 1 })}>
              <div class="topic-fields">
                {field('key', wt('topics.key'), { dir: 'ltr', hint: wt('topics.keyHint') })}
                {field('en', wt('topics.label.en'), { dir: 'ltr' })}
                {field('fa', wt('topics.label.fa'), { dir: 'rtl' })}
                {field('ar', wt('topics.label.ar'), { dir: 'rtl' })}
                {field('terms', wt('topics.terms'), { dir: 'auto', area: true, hint: wt('topics.termsHint') })}
              </div>
              <button
                type="button"
                class="btn btn-quiet"
                onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}
                aria-label={wt('topics.remove', { key: d.key || String(i + 1) })}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      <div class="form-actions">
        <button
          type="button"
          class="btn"
          disabled={drafts.length >= 50}
          onClick={() => setDrafts([...drafts, { key: '', en: '', fa: '', ar: '', terms: '' }])}
        >
          {wt('topics.addTopic')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={saving}>
          {saving ? wt('topics.saving') : wt('topics.save')}
        </button>
      </div>
    </form>
  );
}
