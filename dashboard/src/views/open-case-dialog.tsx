import { useEffect, useRef, useState } from 'preact/hooks';
import { getCase, patchCase } from '../../../shared/contract/cases';
import { listMembers } from '../../../shared/contract/teams';
import { useAccess } from '../access';
import { ApiError, call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { useOpsT } from '../ops/i18n';
import type { CaseStatus } from '../types';

/**
 * "Open case" asks who owns it first: a modal `<dialog>` (focus moves into it, Escape closes it and
 * focus returns to the button) with the site's members, the signed-in member chosen by default.
 * Signed in with an API key there is nobody to default to; a site with no members at all gets the
 * free-text owner the contract keeps for that. Mounted only while open, so the table and the phone
 * cards that each draw the button never hold two dialogs with the same ids.
 *
 * The case is created with its assignee in one PATCH, but only if the response has none yet: a
 * case someone already opened (another tab, an alert) is shown as it is, never reassigned here.
 */
export function OpenCaseDialog({
  responseId,
  who,
  onOpened,
  onClose,
}: {
  responseId: string;
  who: string;
  onOpened: (status: CaseStatus) => void;
  onClose: () => void;
}) {
  const ui = useOpsT();
  const { ot } = ui;
  const access = useAccess();
  const me = access.kind === 'member' ? access.session.member.id : null;
  const dialog = useRef<HTMLDialogElement>(null);
  const members = useEndpoint(listMembers, {});
  const [assignee, setAssignee] = useState<string>(me ?? '');
  const [owner, setOwner] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = `open-case-${responseId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const list = members.data?.items ?? [];
  const noMembers = !!members.data && list.length === 0;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const confirm = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const existing = await call(getCase, { params: { responseId } }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      });
      if (existing) {
        onOpened(existing.case.status);
      } else {
        const body = noMembers ? { owner: owner.trim() || null } : { assignee: assignee || null };
        const r = await call(patchCase, { params: { responseId }, body });
        onOpened(r.case.status);
      }
      dialog.current?.close();
    } catch (err) {
      setError(ui.t('openCaseFailed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const label = (m: (typeof list)[number]) => {
    const name = m.name ? `${m.name} <${m.email}>` : m.email;
    return m.id === me ? ot('openCaseMe', { name }) : name;
  };

  return (
    <dialog
      ref={dialog}
      class="open-case-dialog"
      aria-labelledby={`${id}-h`}
      data-testid="open-case-dialog"
      onClose={onClose}
    >
      <form method="dialog" onSubmit={confirm}>
        <h2 id={`${id}-h`}>{ot('openCaseTitle', { who })}</h2>
        <Status loading={members.loading} error={members.error} retry={members.reload}>
          {members.data &&
            (noMembers ? (
              <div class="field">
                <label for={`${id}-owner`}>{ot('openCaseOwnerFree')}</label>
                <input
                  id={`${id}-owner`}
                  name="owner"
                  dir="auto"
                  maxLength={120}
                  autoComplete="off"
                  aria-describedby={`${id}-hint`}
                  value={owner}
                  onInput={(e) => setOwner(e.currentTarget.value)}
                />
                <span class="field-hint" id={`${id}-hint`}>
                  {ot('openCaseOwnerFreeHint')}
                </span>
              </div>
            ) : (
              <div class="field">
                <label for={`${id}-assignee`}>{ot('openCaseOwner')}</label>
                <select
                  id={`${id}-assignee`}
                  name="assignee"
                  value={assignee}
                  onChange={(e) => setAssignee(e.currentTarget.value)}
                >
                  <option value="">{ot('unassigned')}</option>
                  {list.map((m) => (
                    <option key={m.id} value={m.id}>
                      {label(m)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
        </Status>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="form-actions">
          <button type="button" class="btn" disabled={busy} onClick={() => dialog.current?.close()}>
            {ot('cancel')}
          </button>
          <button
            type="submit"
            class="btn btn-primary"
            disabled={busy || members.loading}
            data-action="confirm-open-case"
          >
            {busy ? ui.t('openingCase') : ot('openCaseConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
