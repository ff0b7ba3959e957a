import './why.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  eraseRespondent,
  getRespondent,
  type RespondentEvent,
  type RespondentProfile,
} from '../../../shared/contract/respondents';
import { getTopics } from '../../../shared/contract/why';
import { optionsOf } from '../../../shared/questions/registry';
import { announce } from '../announce';
import { ApiError, call, useEndpoint } from '../api';
import { Status } from '../components/status';
import type { ViewProps } from '../context';
import { toHash } from '../route';
import type { Survey, TouchpointDef } from '../types';
import { useWhyT, type WhyKey } from './i18n';

type ResponseEvent = Extract<RespondentEvent, { type: 'response' }>;

/**
 * One customer, one page: every answer, case, outcome and attribute of an identified respondent in
 * time order, and the erasure of all of it (after a confirmation that names what goes).
 */
export function Customer(props: ViewProps) {
  const w = useWhyT();
  const { wt, t } = w;
  const who = props.filters.who;
  const q = useEndpoint(getRespondent, who ? { params: { respondentId: who } } : null);
  const [erased, setErased] = useState<number | null>(null);
  const back = toHash({ view: 'at-risk', filters: { ...props.filters, who: undefined } });
  if (!who) return <p class="notice">{wt('customer.notFound', { who: '' })}</p>;
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  return (
    <div class="why customer" data-state={q.loading ? 'loading' : q.data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p>
        <a href={back}>{wt('customer.back')}</a>
      </p>
      <h2 class="customer-id">
        <bdi class="mono">{who}</bdi>
      </h2>
      {erased !== null ? (
        <p class="notice" role="status" data-erased>
          {wt('customer.erased', { who, n: erased })}
        </p>
      ) : notFound ? (
        <p class="notice" data-not-found>
          {wt('customer.notFound', { who })}
        </p>
      ) : (
        <Status loading={q.loading} error={q.error} retry={q.reload}>
          {q.data && (
            <Profile
              p={q.data}
              surveys={props.surveys}
              touchpoints={props.touchpoints}
              onErased={(n) => {
                setErased(n);
                announce(wt('customer.erased', { who, n }));
              }}
            />
          )}
        </Status>
      )}
      {!q.data && !q.loading && !notFound && erased === null && !q.error && <p>{t('none')}</p>}
    </div>
  );
}

type Names = { surveys: Survey[]; touchpoints: TouchpointDef[]; topic: (key: string) => string };

function Profile({
  p,
  surveys,
  touchpoints,
  onErased,
}: {
  p: RespondentProfile;
  surveys: Survey[];
  touchpoints: TouchpointDef[];
  onErased: (n: number) => void;
}) {
  const w = useWhyT();
  const { wt } = w;
  const topics = useEndpoint(getTopics, {}, 'low');
  const topic = (key: string) => {
    const found = topics.data?.topics.find((x) => x.key === key);
    return found ? w.pick(found.label) || key : key;
  };
  const names: Names = { surveys, touchpoints, topic };
  const attrs = Object.entries(p.attributes);
  return (
    <>
      <p class="small muted">
        {wt('customer.summary', { responses: p.responses, first: w.day(p.firstSeen), last: w.day(p.lastSeen) })}
      </p>
      <section class="card" aria-labelledby="attrs-title">
        <h3 id="attrs-title" class="card-title">
          {wt('customer.attributes')}
        </h3>
        {attrs.length ? (
          <dl class="attrs">
            {attrs.map(([k, v]) => (
              <div key={k}>
                <dt dir="ltr">{k}</dt>
                <dd dir="auto">{v}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p class="small">{wt('customer.noAttributes')}</p>
        )}
      </section>
      <section aria-labelledby="timeline-title">
        <h3 id="timeline-title">{wt('customer.timeline')}</h3>
        <ol class="timeline">
          {p.events.map((e, i) => (
            <li key={i} class={`event event-${e.type}`} data-type={e.type}>
              <time dateTime={e.at} class="small muted">
                {w.dateTime(e.at)}
              </time>
              <EventBody e={e} names={names} />
            </li>
          ))}
        </ol>
      </section>
      <Erase p={p} onErased={onErased} />
    </>
  );
}

function EventBody({ e, names }: { e: RespondentEvent; names: Names }) {
  const w = useWhyT();
  const { wt } = w;
  if (e.type === 'outcome')
    return (
      <p>
        <strong>{wt('customer.outcome', { kind: wt(`kind.${e.kind}`) })}</strong>
        {typeof e.value === 'number' && (
          <>
            {w.sep}
            {wt('customer.outcomeValue', { value: w.num(e.value, 2) })}
          </>
        )}
      </p>
    );
  if (e.type === 'case')
    return (
      <p>
        <strong>{wt('customer.case')}</strong>
        {w.sep}
        <span class={`badge case-badge-${e.case.status}`}>
          {wt('customer.caseStatus', { status: wt(`status.${e.case.status}` as WhyKey) })}
        </span>
        {e.case.note && (
          <>
            {w.sep}
            <span dir="auto">{wt('customer.caseNote', { note: e.case.note })}</span>
          </>
        )}
      </p>
    );
  return <ResponseBody e={e} survey={names.surveys.find((s) => s.id === e.surveyId)} names={names} />;
}

function ResponseBody({ e, survey, names }: { e: ResponseEvent; survey: Survey | undefined; names: Names }) {
  const w = useWhyT();
  const { wt, t } = w;
  const prompt = (id: string) => {
    const q = survey?.questions.find((x) => x.id === id);
    return q ? w.pick(q.prompt) || id : id;
  };
  const value = (a: ResponseEvent['answers'][number]) => {
    if (a.value === null) return t('none');
    if (typeof a.value === 'number') return w.int(a.value);
    if (typeof a.value === 'string') return a.value;
    const q = survey?.questions.find((x) => x.id === a.questionId);
    const opts = q ? optionsOf(q) : undefined;
    return w.list(
      a.value.map((id) => (opts?.find((o) => o.id === id) ? w.pick(opts.find((o) => o.id === id)!.label) : id)),
    );
  };
  return (
    <>
      <p>
        <strong>{wt('customer.response', { survey: survey ? w.nameOf(survey) : e.surveyId })}</strong>
        {e.touchpoint && (
          <>
            {w.sep}
            <span>
              {(() => {
                const tp = names.touchpoints.find((x) => x.key === e.touchpoint);
                return tp ? w.nameOf(tp) : e.touchpoint;
              })()}
            </span>
          </>
        )}
        {w.sep}
        {t(`channel.${e.channel as 'web'}`)}
        {!e.completed && (
          <>
            {w.sep}
            <span class="badge badge-neutral">{wt('customer.partial')}</span>
          </>
        )}
      </p>
      <dl class="answers">
        {e.answers.map((a) => (
          <div key={a.questionId}>
            <dt dir="auto">{prompt(a.questionId)}</dt>
            <dd dir="auto" class={typeof a.value === 'string' ? 'verbatim-text' : undefined}>
              {value(a)}
              {a.sentiment && (
                <>
                  {' '}
                  <span class={`badge badge-${a.sentiment}`}>{t(`sentiment.${a.sentiment}`)}</span>
                </>
              )}
              {a.topics?.length ? (
                <span class="small muted"> {wt('customer.topics', { topics: w.list(a.topics.map(names.topic)) })}</span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Erasure behind a modal confirmation that says exactly what is deleted. */
function Erase({ p, onErased }: { p: RespondentProfile; onErased: (n: number) => void }) {
  const w = useWhyT();
  const { wt } = w;
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cases = p.events.filter((e) => e.type === 'case').length;
  const outcomes = p.events.filter((e) => e.type === 'outcome').length;
  useEffect(() => () => dialog.current?.close(), []);
  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call(eraseRespondent, { params: { respondentId: p.respondentId } });
      dialog.current?.close();
      onErased(r.deletedResponses);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 403
          ? wt('customer.noEraseRight')
          : wt('customer.eraseFailed', { message: (e as Error).message }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card erase" aria-labelledby="erase-title">
      <h3 id="erase-title" class="card-title">
        {wt('customer.erase')}
      </h3>
      <button type="button" class="btn btn-danger" onClick={() => dialog.current?.showModal()}>
        {wt('customer.erase')}
      </button>
      <dialog ref={dialog} class="erase-dialog" aria-labelledby="erase-q" aria-describedby="erase-what">
        <h2 id="erase-q">{wt('customer.eraseTitle', { who: p.respondentId })}</h2>
        <p id="erase-what">{wt('customer.eraseWhat', { responses: p.responses, cases, outcomes })}</p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="form-actions">
          <button type="button" class="btn" onClick={() => dialog.current?.close()} disabled={busy}>
            {wt('customer.cancel')}
          </button>
          <button type="button" class="btn btn-danger" onClick={erase} disabled={busy}>
            {busy ? wt('customer.erasing') : wt('customer.eraseConfirm', { who: p.respondentId })}
          </button>
        </div>
      </dialog>
    </section>
  );
}
