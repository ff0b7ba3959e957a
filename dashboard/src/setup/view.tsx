import type { ComponentChildren, Ref } from 'preact';
import type { Endpoint } from '../../../shared/contract/endpoint';
import { createInvitations, listInvitations } from '../../../shared/contract/invitations';
import { createKey } from '../../../shared/contract/keys';
import { patchSite } from '../../../shared/contract/sites';
import { createSurvey, patchSurvey } from '../../../shared/contract/surveys';
import { createTouchpoint } from '../../../shared/contract/touchpoints';
import { useAccess, useCan } from '../access';
import { Distribute } from '../distribute/screen';
import { lazyView } from '../lazy-view';
import type { SetupRoute, SetupView as SetupViewName } from '../route';
import { Account } from '../teams/account';
import { useTeamsT } from '../teams/i18n';
import { Members } from '../teams/members';
import { Editor } from './editor/editor';
import { useSetupT } from './i18n';
import { Install } from './install';
import { Keys } from './keys';
import { Surveys } from './surveys';
import { setupTitle } from './titles';
import { Touchpoints } from './touchpoints';
import './setup.css';

// Digest & sharing, fetched only when opened: most visits never need it.
const LazyDigest = lazyView(() => import('./digest').then((m) => m.DigestScreen));
// The operations screens (alert rules, webhooks, audit log): one chunk, fetched on the first visit to any of them.
const LazyAlerts = lazyView(() => import('../ops/screens').then((m) => m.Alerts));
const LazyWebhooks = lazyView(() => import('../ops/screens').then((m) => m.Webhooks));
const LazyAudit = lazyView(() => import('../ops/screens').then((m) => m.Audit));

/**
 * The change each screen makes: without the right to make it, the screen is shown read-only (its
 * controls disabled, and a note saying why). Members and the account decide per control themselves.
 */
const WRITES: Partial<Record<SetupViewName, Endpoint>> = {
  surveys: createSurvey,
  editor: patchSurvey,
  distribute: createInvitations,
  touchpoints: createTouchpoint,
  install: patchSite,
  keys: createKey,
};

/** A screen the credential may look at but not change: every control inside is disabled. */
function ReadOnly({ children }: { children: ComponentChildren }) {
  const { tt } = useTeamsT();
  const access = useAccess();
  return (
    <>
      <p class="notice" data-readonly>
        {access.kind === 'member'
          ? tt('shell.readOnly', { role: tt(`role.${access.session.member.role}`) })
          : tt('shell.readOnlyKey')}
      </p>
      <fieldset class="readonly-scope" disabled>
        {children}
      </fieldset>
    </>
  );
}

/** One set-up screen inside the dashboard shell: its heading (focused on arrival) and its content. */
export function SetupView({
  route,
  h1,
  onChanged,
}: {
  route: SetupRoute;
  h1: Ref<HTMLHeadingElement>;
  onChanged: () => void;
}) {
  const { locale } = useSetupT();
  const can = useCan();
  const write = WRITES[route.view];
  const content = (
    <>
      {route.view === 'install' && <Install />}
      {route.view === 'touchpoints' && <Touchpoints onChanged={onChanged} />}
      {route.view === 'keys' && <Keys />}
      {route.view === 'surveys' && <Surveys onChanged={onChanged} />}
      {route.view === 'editor' && route.id && <Editor key={route.id} id={route.id} onChanged={onChanged} />}
      {route.view === 'distribute' &&
        route.id &&
        // Links are made and listed by those who may send them; others see the note only.
        (can(listInvitations) ? <Distribute key={route.id} id={route.id} /> : null)}
      {route.view === 'members' && <Members />}
      {route.view === 'account' && <Account />}
      {route.view === 'digest' && <LazyDigest />}
      {route.view === 'alerts' && <LazyAlerts />}
      {route.view === 'webhooks' && <LazyWebhooks />}
      {route.view === 'audit' && <LazyAudit />}
    </>
  );
  return (
    <div class={`setup setup-${route.view}`}>
      <div class="page-head">
        <h1 ref={h1} tabIndex={-1}>
          {setupTitle(route.view, locale)}
        </h1>
      </div>
      {write && !can(write) ? <ReadOnly>{content}</ReadOnly> : content}
    </div>
  );
}
