import { useEffect, useMemo, useState } from 'preact/hooks';
import { getCaseStats, listCases, patchCase } from '../../../shared/contract/cases';
import { listMembers } from '../../../shared/contract/teams';
import { metricFedBy } from '../../../shared/questions/registry';
import { CaseInput } from '../../../shared/schemas/api';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import type { ViewProps } from '../context';
import { type I18n, useI18n } from '../i18n';
import { useOpsT } from '../ops/i18n';
import { asIssuesOf } from '../setup/form';
import type {
  CaseAnswer,
  CaseItem,
  CaseRecord,
  CaseStats,
  CaseStatus,
  DurationSummary,
  Question,
  Survey,
} from '../types';
import { validate } from '../validate';
import { CustomerLink } from '../why/customer-link';
import { CaseWorkflow, Recovery } from './case-workflow';
import './inbox.css';

const PAGE = 50;
const STATUSES: readonly CaseStatus[] = ['open', 'contacted', 'resolved'];

/**
 * The follow-up inbox: cases (a response the team calls back), how many are open / contacted /
 * resolved and how fast the first contact comes, and per case a small form to move it along.
 * The counts and times follow the period filter (responses received in it); the list is every case,
 * newest first, optionally in one status. One card layout at every width (each card holds a form,
 * so a second, phone-only copy would duplicate the controls).
 */
export function Inbox(props: ViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { dates, surveys, touchpoints, filters, setFilters } = props;
  const { ot } = useOpsT();
  const status = filters.status;
  // "me" is the signed-in member (a session); with an API key it matches no case.
  const [assignee, setAssignee] = useState('');
  const [overdue, setOverdue] = useState(false);
  const membersQ = useEndpoint(listMembers, {}, 'low');
  const members = membersQ.data?.items ?? [];
  // The free-text owner predates members: a site with members assigns cases (CaseWorkflow), so the
  // text field is offered only where nobody can be assigned, or to clear an owner typed earlier.
  const noMembers = membersQ.error !== undefined || membersQ.data?.items.length === 0;
  const listQuery = {
    status,
    limit: PAGE,
    ...(assignee ? { assignee } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
  };
  const statsQ = useEndpoint(getCaseStats, { query: { from: dates.from, to: dates.to } });
  const q = useEndpoint(listCases, { query: listQuery });
  const [more, setMore] = useState<{ cases: CaseItem[]; next?: string | undefined }>({ cases: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [saved, setSaved] = useState<Record<string, CaseRecord>>({});
  useEffect(() => setMore({ cases: [] }), [status, assignee, overdue]);

  const all = [...(q.data?.items ?? []), ...more.cases].map((c) => ({ ...c, ...saved[c.responseId] }));
  const next = more.cases.length ? more.next : q.data?.nextCursor;

  useEffect(() => {
    if (q.data) announce(t('announceCount', { count: i18n.int(q.data.items.length) }));
  }, [q.data]);

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await call(listCases, { query: { ...listQuery, cursor: next } });
      setMore((m) => ({ cases: [...m.cases, ...page.items], next: page.nextCursor }));
      announce(t('announceCount', { count: i18n.int(all.length + page.items.length) }));
    } catch (e) {
      announce(t('errorPrefix', { message: (e as Error).message }));
    } finally {
      setLoadingMore(false);
    }
  };

  const tpName = (key: string | null) => (key ? (touchpoints.find((tp) => tp.key === key)?.name ?? key) : t('none'));
  const state = q.loading || statsQ.loading ? 'loading' : q.data && statsQ.data ? 'ready' : 'empty';
  return (
    <div class="inbox" data-state={state} aria-busy={q.loading}>
      <p class="muted">{t('inboxIntro')}</p>
      <Status loading={statsQ.loading} error={statsQ.error} retry={statsQ.reload}>
        {statsQ.data && <StatsHeader stats={statsQ.data} />}
      </Status>
      <p class="small muted" data-testid="contact-clock">
        {ot('contactClock')}
      </p>
      <div class="view-controls">
        <div class="field">
          <label for="f-case-status">{t('caseStatus')}</label>
          <select
            id="f-case-status"
            value={status ?? ''}
            onChange={(e) => setFilters({ status: (e.currentTarget.value || undefined) as CaseStatus | undefined })}
          >
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`caseStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-case-assignee">{ot('caseAssignee')}</label>
          <select id="f-case-assignee" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
            <option value="">{ot('allCases')}</option>
            <option value="me">{ot('myCases')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ?? m.email}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} />{' '}
          {ot('overdueOnly')}
        </label>
      </div>
      <section aria-labelledby="case-list-h">
        <h2 id="case-list-h">{t('caseList')}</h2>
        <Status loading={q.loading} error={q.error} retry={q.reload}>
          {q.data &&
            (all.length === 0 ? (
              <p class="notice">{status ? t('noCasesStatus') : t('noCases')}</p>
            ) : (
              <>
                <ul class="case-list">
                  {all.map((c) => (
                    <CaseCard
                      key={c.responseId}
                      item={c}
                      survey={surveys.find((s) => s.id === c.surveyId)}
                      touchpoint={tpName(c.touchpoint)}
                      members={members}
                      membersLoading={membersQ.loading}
                      freeOwner={noMembers || !!c.owner}
                      surveys={surveys}
                      onSaved={(r) => {
                        setSaved((m) => ({ ...m, [r.responseId]: r }));
                        statsQ.reload();
                      }}
                    />
                  ))}
                </ul>
                {next && (
                  <button type="button" class="btn" disabled={loadingMore} onClick={loadMore}>
                    {loadingMore ? t('loading') : t('loadMore')}
                  </button>
                )}
              </>
            ))}
        </Status>
      </section>
      <Recovery from={dates.from} to={dates.to} members={members} />
    </div>
  );
}

function StatsHeader({ stats }: { stats: CaseStats }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="case-stats" aria-labelledby="case-stats-h">
      <h2 id="case-stats-h" class="sr-only">
        {t('caseStats')}
      </h2>
      {STATUSES.map((s) => (
        <div key={s} class={`card case-count case-count-${s}`} data-count={s} data-value={stats.counts[s]}>
          <p class="card-title">{t(`caseStatus.${s}`)}</p>
          <p class="case-count-value">{i18n.int(stats.counts[s])}</p>
        </div>
      ))}
      <Duration
        kind="contact"
        title={t('timeToFirstContact')}
        d={stats.timeToFirstContact}
        empty={t('durationTooFew')}
      />
      <Duration kind="resolve" title={t('timeToResolve')} d={stats.timeToResolve} empty={t('durationTooFewResolve')} />
    </section>
  );
}

/** Hours as the API gives them (to 0.01 h); under an hour in minutes, so a quick call is not "0 h". */
function hoursText(i18n: I18n, h: number | null): string {
  if (h === null) return i18n.t('none');
  if (h >= 1) return i18n.t('hours', { h: i18n.num(h, 1) });
  const m = Math.round(h * 60);
  return m < 1 ? i18n.t('underMinute') : i18n.t('minutes', { m: i18n.int(m) });
}

function Duration({ kind, title, d, empty }: { kind: string; title: string; d: DurationSummary; empty: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="card case-duration" data-duration={kind} data-n={d.n}>
      <p class="card-title">{title}</p>
      {d.n === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <>
          <p class="case-count-value">{hoursText(i18n, d.medianHours)}</p>
          <p class="small">{t('medianP90', { p90: hoursText(i18n, d.p90Hours) })}</p>
          <p class="small n">{t('caseN', { n: i18n.int(d.n) })}</p>
        </>
      )}
    </div>
  );
}

/** The score (first rating answer) and the comment (first text answer) of a response. */
function summarize(answers: CaseAnswer[], questions: readonly Question[] | undefined) {
  const typeOf = (id: string) => questions?.find((x) => x.id === id)?.type;
  const score = answers.find((a) => typeof a.value === 'number');
  const comment = answers.find((a) => typeof a.value === 'string' && a.value.trim() !== '');
  return {
    score: score
      ? { type: typeOf(score.questionId), questionId: score.questionId, value: score.value as number }
      : null,
    comment: comment ? (comment.value as string) : null,
  };
}

function useAgo() {
  const { locale } = useI18n();
  // Arabic with the Latin digits of the rest of the dashboard (`makeI18n` pins them the same way).
  const rtf = useMemo(
    () => new Intl.RelativeTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, { numeric: 'auto' }),
    [locale],
  );
  return (iso: string) => {
    const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (s < 3600) return rtf.format(-Math.floor(s / 60), 'minute');
    if (s < 86_400) return rtf.format(-Math.floor(s / 3600), 'hour');
    return rtf.format(-Math.floor(s / 86_400), 'day');
  };
}

type Errors = Partial<Record<'status' | 'owner' | 'note', string>>;

function CaseCard({
  item,
  survey,
  touchpoint,
  members,
  membersLoading,
  freeOwner,
  surveys,
  onSaved,
}: {
  item: CaseItem;
  survey: Survey | undefined;
  touchpoint: string;
  members: readonly import('../../../shared/contract/teams').Member[];
  membersLoading: boolean;
  /** whether the legacy free-text owner field is shown (see `noMembers`) */
  freeOwner: boolean;
  surveys: readonly Survey[];
  onSaved: (c: CaseRecord) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ago = useAgo();
  const [status, setStatus] = useState<CaseStatus>(item.status);
  const [owner, setOwner] = useState(item.owner ?? '');
  const [note, setNote] = useState(item.note ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [msg, setMsg] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const { score, comment } = summarize(item.answers, survey?.questions);
  const who = item.respondentId ?? t('anonymous');
  const id = `case-${item.responseId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const fid = (f: keyof Errors) => `${id}-${f}`;
  const described = (f: keyof Errors, hint?: boolean) =>
    [errors[f] ? `${fid(f)}-err` : '', hint ? `${fid(f)}-hint` : ''].filter(Boolean).join(' ') || undefined;

  /** Issues (the schema's or the server's) as messages next to their fields; the first one gets focus. */
  const showErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    const e: Errors = {};
    for (const is of issues) {
      const f = String(is.path[0] ?? '') as keyof Errors;
      if (!['status', 'owner', 'note'].includes(f) || e[f]) continue;
      e[f] = is.message;
    }
    setErrors(e);
    if (Object.keys(e).length)
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${id} [aria-invalid="true"]`)?.focus());
    return Object.values(e)[0];
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const body: CaseInput = {};
    if (status !== item.status) body.status = status;
    if (owner.trim() !== (item.owner ?? '')) body.owner = owner.trim() || null;
    if (note !== (item.note ?? '')) body.note = note || null;
    if (!Object.keys(body).length) {
      setErrors({});
      setMsg({ text: t('caseUnchanged') });
      return;
    }
    const checked = validate(CaseInput, body, i18n);
    if (!checked.success) {
      const first = showErrors(checked.error.issues);
      setMsg({ text: t('caseSaveFailed', { message: first ?? checked.error.issues[0]?.message ?? '' }), error: true });
      return;
    }
    setBusy(true);
    setMsg({ text: t('savingCase') });
    try {
      const r = await call(patchCase, { params: { responseId: item.responseId }, body: checked.data });
      setErrors({});
      const text = t('caseSaved', { who, status: t(`caseStatus.${r.case.status}`) });
      setMsg({ text });
      announce(text);
      onSaved(r.case);
    } catch (err) {
      const onField = showErrors(asIssuesOf(err, i18n.locale));
      const text = t('caseSaveFailed', { message: onField ?? (err as Error).message });
      setMsg({ text, error: true });
      announce(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="card case-card" id={id} data-response={item.responseId} data-status={item.status}>
      <div class="case-info">
        <h3 class="case-head">
          {item.respondentId ? <CustomerLink who={item.respondentId} /> : <span>{t('anonymous')}</span>}
          <span class={`badge case-badge case-badge-${item.status}`}>{t(`caseStatus.${item.status}`)}</span>
        </h3>
        <p class="small muted case-meta">
          <span>{survey?.name ?? item.surveyId}</span>
          {i18n.sep}
          <span>{touchpoint}</span>
          {i18n.sep}
          <time dateTime={item.respondedAt}>{t('responseOn', { date: i18n.dateTime(item.respondedAt) })}</time>
          {!item.completed && (
            <>
              {i18n.sep}
              {t('partial')}
            </>
          )}
        </p>
        <p class="case-score">
          {score ? (
            <>
              <span class="muted">{score.type ? t(`qtype.${score.type}`) : score.questionId}</span>{' '}
              <strong class={metricFedBy(score.type ?? '') === 'nps' ? npsClass(score.value) : ''}>
                {i18n.int(score.value)}
              </strong>
            </>
          ) : (
            t('none')
          )}
        </p>
        {comment ? (
          <p class="verbatim-text" dir="auto">
            {comment}
          </p>
        ) : (
          <p class="muted small">{t('noComment')}</p>
        )}
        <p class="small muted">
          <time dateTime={item.createdAt} title={i18n.dateTime(item.createdAt)}>
            {t('openedAgo', { ago: ago(item.createdAt) })}
          </time>
          {item.firstContactAt && (
            <>
              {i18n.sep}
              {t('firstContact', { date: i18n.dateTime(item.firstContactAt) })}
            </>
          )}
        </p>
      </div>
      <form class="case-form" aria-label={t('caseFormLabel', { who })} onSubmit={save} noValidate>
        <div class={`field${errors.status ? ' has-error' : ''}`}>
          <label for={fid('status')}>{t('caseStatus')}</label>
          <select
            id={fid('status')}
            name="status"
            value={status}
            aria-invalid={errors.status ? 'true' : undefined}
            aria-describedby={described('status')}
            onChange={(e) => setStatus(e.currentTarget.value as CaseStatus)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`caseStatus.${s}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${fid('status')}-err`} field="status" text={errors.status} />
        </div>
        {freeOwner && (
          <div class={`field${errors.owner ? ' has-error' : ''}`}>
            <label for={fid('owner')}>{t('caseOwner')}</label>
            <input
              id={fid('owner')}
              name="owner"
              value={owner}
              dir="auto"
              autocomplete="off"
              aria-invalid={errors.owner ? 'true' : undefined}
              aria-describedby={described('owner', true)}
              onInput={(e) => setOwner(e.currentTarget.value)}
            />
            <span id={`${fid('owner')}-hint`} class="field-hint">
              {t('caseOwnerHint')}
            </span>
            <FieldError id={`${fid('owner')}-err`} field="owner" text={errors.owner} />
          </div>
        )}
        <div class={`field field-wide${errors.note ? ' has-error' : ''}`}>
          <label for={fid('note')}>{t('caseNote')}</label>
          <textarea
            id={fid('note')}
            name="note"
            rows={2}
            dir="auto"
            value={note}
            aria-invalid={errors.note ? 'true' : undefined}
            aria-describedby={described('note')}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <FieldError id={`${fid('note')}-err`} field="note" text={errors.note} />
        </div>
        <div class="case-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('savingCase') : t('saveCase')}
          </button>
          <span class={msg?.error ? 'case-msg error' : 'case-msg'} data-case-msg="">
            {msg?.text}
          </span>
        </div>
      </form>
      <CaseWorkflow item={item} members={members} membersLoading={membersLoading} surveys={surveys} onSaved={onSaved} />
    </li>
  );
}

function FieldError({ id, field, text }: { id: string; field: string; text: string | undefined }) {
  return text ? (
    <span id={id} class="field-error" data-error-for={field}>
      {text}
    </span>
  ) : null;
}

const npsClass = (n: number) => (n <= 6 ? 'score-bad' : n <= 8 ? 'score-mid' : 'score-good');
