import { useState } from 'preact/hooks';
import { ROLES, type Role } from '../../../shared/contract/roles';
import { createMember, deleteMember, listMembers, type Member, patchMember } from '../../../shared/contract/teams';
import { useAccess, useCan } from '../access';
import { ApiError, call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { CopyBox } from '../setup/copy-box';
import { useTeamsT } from './i18n';

/**
 * The site's members: invite (with a role; the link is shown once, to copy and send), change a role,
 * remove, each offered only to whom the contract allows it (an owner changes roles; an admin invites
 * and removes everyone but owners; an analyst reads the list).
 */
export function Members() {
  const { tt, day } = useTeamsT();
  const can = useCan();
  const access = useAccess();
  const me = access.kind === 'member' ? access.session.member : null;
  const q = useEndpoint(listMembers, {});
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');
  const [invited, setInvited] = useState<{ email: string; url: string }>();
  const [note, setNote] = useState<{ text: string; error?: boolean }>();

  const mayInvite = can(createMember);
  const mayChangeRole = can(patchMember);
  const mayRemove = can(deleteMember);
  // An admin may not invite or remove an owner (the Worker refuses it; do not offer it).
  const isOwner = me?.role === 'owner' || access.kind === 'key';
  const rolesToInvite = ROLES.filter((r) => r !== 'owner' || isOwner);

  const reason = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'last_owner') return tt('members.lastOwner');
    if (err instanceof ApiError && err.status === 409) return tt('members.exists');
    return tt('members.failed', { message: (err as Error).message });
  };

  const invite = async (e: Event) => {
    e.preventDefault();
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setFormError(tt('members.emailInvalid'));
      document.getElementById('member-email')?.focus();
      return;
    }
    setBusy(true);
    setFormError('');
    try {
      const r = await call(createMember, {
        body: { email: address, role, ...(name.trim() ? { name: name.trim() } : {}) },
      });
      setInvited({ email: r.member.email, url: r.inviteUrl });
      setEmail('');
      setName('');
      q.reload();
    } catch (err) {
      setFormError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  const label = (m: Member) => m.name || m.email;

  const changeRole = async (m: Member, next: Role) => {
    try {
      await call(patchMember, { params: { id: m.id }, body: { role: next } });
      setNote({ text: tt('members.roleChanged', { who: label(m), role: tt(`role.${next}`) }) });
    } catch (err) {
      setNote({ text: reason(err), error: true });
    }
    q.reload();
  };

  const remove = async (m: Member) => {
    if (!confirm(tt('members.confirmRemove', { who: label(m) }))) return;
    try {
      await call(deleteMember, { params: { id: m.id } });
      setNote({ text: tt('members.removed', { who: label(m) }) });
    } catch (err) {
      setNote({ text: reason(err), error: true });
    }
    q.reload();
  };

  return (
    <div class="team-grid" data-screen="members">
      <p class="intro">{tt('members.intro')}</p>
      {mayInvite && (
        <form class="card" aria-labelledby="invite-form-h" onSubmit={invite} noValidate data-form="invite-member">
          <h2 id="invite-form-h" class="card-title">
            {tt('members.invite')}
          </h2>
          <div class="team-form">
            <div class="field">
              <label for="member-email">{tt('members.email')}</label>
              <input
                id="member-email"
                type="email"
                autoComplete="off"
                dir="ltr"
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
                aria-invalid={formError ? 'true' : undefined}
                aria-describedby={formError ? 'member-form-error' : undefined}
                required
              />
            </div>
            <div class="field">
              <label for="member-name">{tt('members.name')}</label>
              <input
                id="member-name"
                type="text"
                autoComplete="off"
                maxLength={120}
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="member-role">{tt('members.role')}</label>
              <select
                id="member-role"
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
                aria-describedby="member-role-desc"
              >
                {rolesToInvite.map((r) => (
                  <option key={r} value={r}>
                    {tt(`role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="actions">
              <button type="submit" class="btn btn-primary" disabled={busy} data-action="invite">
                {busy ? tt('members.inviting') : tt('members.inviteSubmit')}
              </button>
            </div>
          </div>
          <p id="member-role-desc" class="field-hint">
            {tt(`role.${role}.desc`)}
          </p>
          {formError && (
            <p id="member-form-error" class="form-error" role="alert">
              {formError}
            </p>
          )}
          {invited && (
            <div class="notice invite-link" data-testid="invite-link">
              <p>{tt('members.inviteNote')}</p>
              <CopyBox id="invite-url" label={tt('members.inviteLink', { email: invited.email })} text={invited.url} />
            </div>
          )}
        </form>
      )}
      <section class="card" aria-labelledby="members-h">
        <h2 id="members-h" class="card-title">
          {tt('members.list')}
        </h2>
        <p role="status" class={note?.error ? 'form-error' : 'small muted'}>
          {note?.text}
        </p>
        <Status loading={q.loading} error={q.error} retry={q.reload}>
          {q.data && (
            <table class="team-table" data-testid="members">
              <thead>
                <tr>
                  <th scope="col">{tt('members.email')}</th>
                  <th scope="col">{tt('members.role')}</th>
                  <th scope="col">{tt('members.status')}</th>
                  <th scope="col">{tt('members.since')}</th>
                  {mayRemove && (
                    <th scope="col">
                      <span class="sr-only">{tt('members.remove')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((m) => {
                  const self = m.id === me?.id;
                  // An admin neither changes roles nor removes an owner; nobody removes themselves here.
                  const removable = mayRemove && !self && (m.role !== 'owner' || isOwner);
                  return (
                    <tr key={m.id} data-member={m.email}>
                      <td data-label={tt('members.email')}>
                        <span dir="ltr">{m.email}</span>
                        {m.name && <span class="muted"> · {m.name}</span>}
                        {self && <span class="muted"> {tt('members.you')}</span>}
                      </td>
                      <td data-label={tt('members.role')}>
                        {mayChangeRole && !self ? (
                          <select
                            value={m.role}
                            aria-label={tt('members.roleLabel', { who: label(m) })}
                            onChange={(e) => changeRole(m, e.currentTarget.value as Role)}
                            data-action="change-role"
                          >
                            {ROLES.map((r) => (
                              <option key={r} value={r}>
                                {tt(`role.${r}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          tt(`role.${m.role}`)
                        )}
                      </td>
                      <td data-label={tt('members.status')}>
                        <span class="status-pill" data-status={m.status ?? 'active'}>
                          {m.status === 'invited' ? tt('members.invited') : tt('members.active')}
                        </span>
                      </td>
                      <td data-label={tt('members.since')}>{m.createdAt ? day(m.createdAt) : ''}</td>
                      {mayRemove && (
                        <td>
                          {removable && (
                            <button
                              type="button"
                              class="btn btn-small btn-danger"
                              aria-label={tt('members.removeLabel', { who: label(m) })}
                              onClick={() => remove(m)}
                              data-action="remove-member"
                            >
                              {tt('members.remove')}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Status>
      </section>
      <section class="card" aria-labelledby="roles-h">
        <h2 id="roles-h" class="card-title">
          {tt('members.roles')}
        </h2>
        <dl class="role-list">
          {ROLES.map((r) => (
            <div key={r}>
              <dt>{tt(`role.${r}`)}</dt>
              <dd>{tt(`role.${r}.desc`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
