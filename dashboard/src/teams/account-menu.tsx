import { useContext, useState } from 'preact/hooks';
import { switchSite } from '../../../shared/contract/teams';
import { AuthActions, useAccess } from '../access';
import { call } from '../api';
import { setupHash } from '../route';
import { useTeamsT } from './i18n';
import './teams.css';

/**
 * The top bar's "who am I": a member's site switcher (when they belong to several sites) and a link
 * to their account, or, for an operator's key, its scopes.
 */
export function AccountMenu() {
  const access = useAccess();
  const { tt } = useTeamsT();
  const { signedIn } = useContext(AuthActions);
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState('');
  if (access.kind === 'key') {
    return access.scopes ? (
      <span class="topbar-who" data-who="key">
        {tt('shell.keyMode', { scopes: access.scopes.join(', ') })}
      </span>
    ) : null;
  }
  const { member, site, sites } = access.session;
  const who = member.name || member.email;
  const change = async (siteId: string) => {
    setSwitching(true);
    setError('');
    try {
      signedIn(await call(switchSite, { body: { siteId } }));
    } catch (err) {
      setError(tt('members.failed', { message: (err as Error).message }));
      setSwitching(false);
    }
  };
  return (
    <div class="topbar-who">
      {sites.length > 1 ? (
        <label class="site-switch">
          <span class="sr-only">{tt('shell.site')}</span>
          <select
            value={site.id}
            disabled={switching}
            onChange={(e) => change(e.currentTarget.value)}
            aria-describedby={error ? 'site-switch-error' : undefined}
            data-action="switch-site"
          >
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {tt(`role.${s.role}`)}
              </option>
            ))}
          </select>
          {error && (
            <span id="site-switch-error" role="alert" class="sr-only">
              {error}
            </span>
          )}
        </label>
      ) : (
        <span class="topbar-site">{site.name}</span>
      )}
      <a
        class="topbar-account"
        href={setupHash({ view: 'account' })}
        title={tt('shell.signedInAs', { who: member.email, role: tt(`role.${member.role}`) })}
        data-role={member.role}
      >
        <span dir="auto">{who}</span> <span class="role-badge">{tt(`role.${member.role}`)}</span>
      </a>
    </div>
  );
}
