import { useState } from 'preact/hooks';
import {
  type CaseRecord,
  type CaseRecovery,
  createCaseFollowUp,
  getCase,
  getCaseRecovery,
  patchCase,
  type RecoveryGroup,
} from '../../../shared/contract/cases';
import type { Member } from '../../../shared/contract/teams';
import { CaseCategory } from '../../../shared/schemas/api';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { useOpsT } from '../ops/i18n';
import type { OpsKey } from '../ops/i18n-en';
import { CopyBox } from '../setup/copy-box';
import type { CaseItem, Survey } from '../types';

/**
 * The case as a workflow, beside the inbox's status form: its assignee (a member), due date (overdue
 * marked), root cause, a timeline of notes and changes with a note box, and after resolution a
 * follow-up survey link for the customer.
 */
export function CaseWorkflow({
  item,
  members,
  membersLoading,
  surveys,
  onSaved,
}: {
  item: CaseItem;
  members: readonly Member[];
  /** while the members are on their way the timeline waits, rather than showing their ids */
  membersLoading: boolean;
  surveys: readonly Survey[];
  onSaved: (c: CaseRecord) => void;
}) {
  const ui = useOpsT();
  const { ot } = ui;
  const [showTimeline, setShowTimeline] = useState(false);
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<{ text: string; error?: boolean }>();
  const [followUp, setFollowUp] = useState<{ url: string; reason?: string | undefined }>();
  const [fuSurvey, setFuSurvey] = useState('');
  const [nonce, setNonce] = useState(0);
  const timelineQ = useEndpoint(getCase, showTimeline ? { params: { responseId: item.responseId } } : null);
  const id = `cw-${item.responseId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const overdue = !!item.dueAt && item.status !== 'resolved' && Date.parse(item.dueAt) < Date.now();
  const memberName = (mid: string | null) => {
    const m = members.find((x) => x.id === mid);
    return m ? (m.name ?? m.email) : (mid ?? ot('unassigned'));
  };

  const patch = async (body: Parameters<typeof call<typeof patchCase>>[1]['body']) => {
    try {
      const r = await call(patchCase, { params: { responseId: item.responseId }, body });
      onSaved(r.case);
      setMsg({
        text: ui.t('caseSaved', {
          who: item.respondentId ?? ui.t('anonymous'),
          status: ui.t(`caseStatus.${r.case.status}`),
        }),
      });
      timelineQ.reload();
      setNonce(nonce + 1);
      return true;
    } catch (err) {
      const text = ot('failed', { message: (err as Error).message });
      setMsg({ text, error: true });
      announce(text);
      return false;
    }
  };

  const makeFollowUp = async () => {
    const surveyId = fuSurvey || surveys[0]?.id;
    if (!surveyId) return;
    try {
      const r = await call(createCaseFollowUp, { params: { responseId: item.responseId }, body: { surveyId } });
      setFollowUp({ url: r.invitation.url, reason: r.invitation.reason });
      onSaved(r.case);
      announce(ot('followUpMade'));
    } catch (err) {
      setMsg({ text: ot('failed', { message: (err as Error).message }), error: true });
    }
  };

  return (
    <div class="case-workflow" id={id} data-overdue={overdue ? 'yes' : undefined}>
      <p class="small case-due">
        {item.dueAt && (
          <span class={overdue ? 'badge case-overdue' : 'muted'} data-due={item.dueAt}>
            {overdue
              ? ot('caseOverdue', { date: ui.dateTime(item.dueAt) })
              : ot('caseDue', { date: ui.dateTime(item.dueAt) })}
          </span>
        )}{' '}
        {item.escalatedAt && <span class="badge case-escalated">{ot('caseEscalated')}</span>}
      </p>
      <div class="form-row">
        <div class="field">
          <label for={`${id}-assignee`}>{ot('caseAssignee')}</label>
          <select
            id={`${id}-assignee`}
            data-field="assignee"
            value={item.assignee ?? ''}
            onChange={(e) => patch({ assignee: e.currentTarget.value || null })}
          >
            <option value="">{ot('unassigned')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ? `${m.name} <${m.email}>` : m.email}
              </option>
            ))}
            {item.assignee && !members.some((m) => m.id === item.assignee) && (
              <option value={item.assignee}>{item.assignee}</option>
            )}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-category`}>{ot('caseCategory')}</label>
          <select
            id={`${id}-category`}
            data-field="category"
            value={item.category ?? ''}
            onChange={(e) => patch({ category: (e.currentTarget.value || null) as CaseCategory | null })}
          >
            <option value="">{ot('noCategory')}</option>
            {CaseCategory.options.map((c) => (
              <option key={c} value={c}>
                {ot(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <form
        class="case-note"
        onSubmit={async (e) => {
          e.preventDefault();
          if (note.trim() && (await patch({ note: note.trim() }))) {
            setNote('');
            setShowTimeline(true);
          }
        }}
      >
        <label for={`${id}-note`}>{ot('addNote')}</label>
        <textarea id={`${id}-note`} rows={2} dir="auto" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" class="btn btn-small" data-action="add-note">
          {ot('addNote')}
        </button>
      </form>
      <button
        type="button"
        class="btn btn-small btn-quiet"
        aria-expanded={showTimeline}
        data-action="timeline"
        onClick={() => setShowTimeline(!showTimeline)}
      >
        {ot('timeline')}
      </button>
      {showTimeline && (
        <Status loading={timelineQ.loading || membersLoading} error={timelineQ.error} retry={timelineQ.reload}>
          {timelineQ.data && !membersLoading && (
            <ol class="case-timeline" data-testid="timeline">
              {timelineQ.data.case.timeline.map((ev, i) => (
                <li key={i} data-kind={ev.kind}>
                  <time dateTime={ev.at}>{ui.dateTime(ev.at)}</time>{' '}
                  <span class="muted">
                    {ev.actor.type === 'system'
                      ? ot('bySystem')
                      : ev.actor.type === 'member'
                        ? memberName(ev.actor.id)
                        : ot('apiKey', { id: ev.actor.id ?? '' })}
                  </span>
                  {' — '}
                  {ev.kind === 'note' ? (
                    <span dir="auto" class="verbatim-text">
                      {ev.value}
                    </span>
                  ) : (
                    ot(`ev.${ev.kind}`, {
                      value:
                        ev.kind === 'status' && ev.value
                          ? ui.t(`caseStatus.${ev.value as 'open'}`)
                          : ev.kind === 'assignee'
                            ? memberName(ev.value)
                            : ev.kind === 'category' && ev.value
                              ? ot(`category.${ev.value as CaseCategory}`)
                              : (ev.kind === 'due' || ev.kind === 'escalated') && ev.value
                                ? ui.dateTime(ev.value)
                                : (ev.value ?? '—'),
                    })
                  )}
                </li>
              ))}
            </ol>
          )}
        </Status>
      )}
      {item.status === 'resolved' && (
        <div class="case-followup" data-testid="follow-up">
          <p class="small muted">{ot('followUpHint')}</p>
          {!item.respondentId ? (
            <p class="small">{ot('followUpNeedsRespondent')}</p>
          ) : (
            <div class="form-row">
              <div class="field">
                <label for={`${id}-fu`}>{ot('followUpSurvey')}</label>
                <select
                  id={`${id}-fu`}
                  value={fuSurvey || surveys[0]?.id}
                  onChange={(e) => setFuSurvey(e.currentTarget.value)}
                >
                  {surveys.map((s) => (
                    <option key={s.id} value={s.id}>
                      {ui.nameOf(s)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" class="btn" data-action="follow-up" onClick={makeFollowUp}>
                {ot('makeFollowUp')}
              </button>
            </div>
          )}
          {item.followUpInvitationId && !followUp && <p class="small">{ot('followUpSent')}</p>}
          {followUp && (
            <div class="notice">
              <p>
                {followUp.reason
                  ? ot('followUpSkipped', { reason: ot(`followUpReason.${followUp.reason}` as OpsKey) })
                  : ot('followUpMade')}
              </p>
              <CopyBox id={`${id}-fu-link`} label={ot('followUp')} text={followUp.url} />
            </div>
          )}
        </div>
      )}
      <span role="status" class={msg?.error ? 'case-msg error' : 'case-msg'}>
        {msg?.text}
      </span>
    </div>
  );
}

/** The recovery rate after follow-ups: overall, per owner, per touchpoint, with n and the 95% interval. */
export function Recovery({ from, to, members }: { from: string; to: string; members: readonly Member[] }) {
  const ui = useOpsT();
  const { ot } = ui;
  const q = useEndpoint(getCaseRecovery, { query: { from, to } });
  const cell = (g: RecoveryGroup) =>
    !g.enough || g.rate === null || !g.ci95 ? (
      <span class="muted" data-enough="no">
        {ot('tooFew', { n: g.n })}
      </span>
    ) : (
      <span data-enough="yes">
        <strong>{ot('recoveryRate', { rate: ui.pct(g.rate * 100) })}</strong>{' '}
        <span class="small">
          {ot('recoveryCi', { lo: ui.pct(g.ci95[0] * 100), hi: ui.pct(g.ci95[1] * 100) })}
          {ui.sep}
          {ot('recoveryN', { n: g.n })}
        </span>
      </span>
    );
  const owner = (r: CaseRecovery['byOwner'][number]) =>
    r.assignee === null ? ot('unassigned') : (members.find((m) => m.id === r.assignee)?.name ?? r.email ?? r.assignee);
  return (
    <section class="card case-recovery" aria-labelledby="recovery-h" data-testid="recovery">
      <h2 id="recovery-h">{ot('recoveryTitle')}</h2>
      <p class="small muted">{ot('recoveryIntro')}</p>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data &&
          (q.data.sent === 0 ? (
            <p class="muted">{ot('noFollowUps')}</p>
          ) : (
            <>
              <p>
                {ot('recoveryOverall')}: {cell(q.data.overall)}
              </p>
              <p class="small muted">{ot('recoverySent', { n: q.data.sent })}</p>
              <div class="table-wrap">
                <table class="data">
                  <caption>{ot('byOwner')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{ot('owner')}</th>
                      <th scope="col">{ot('rate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.data.byOwner.map((r) => (
                      <tr key={r.assignee ?? '-'}>
                        <td>
                          <bdi>{owner(r)}</bdi>
                        </td>
                        <td>{cell(r)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table class="data">
                  <caption>{ot('byTouchpoint')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{ot('touchpoint')}</th>
                      <th scope="col">{ot('rate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.data.byTouchpoint.map((r) => (
                      <tr key={r.touchpoint ?? '-'}>
                        <td>
                          <bdi>{r.touchpoint ?? ot('noTouchpoint')}</bdi>
                        </td>
                        <td>{cell(r)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ))}
      </Status>
    </section>
  );
}
