import { useEffect, useRef, useState } from 'preact/hooks';
import { patchCase } from '../../../shared/contract/cases';
import { useAccess, useCan } from '../access';
import { announce } from '../announce';
import { useI18n } from '../i18n';
import type { CaseStatus } from '../types';
import { OpenCaseDialog } from './open-case-dialog';
import './case-action.css';

/**
 * The follow-up action on one at-risk respondent: "Open case" on the response of their latest NPS
 * answer, or, once it has a case, that case's status and a link to it in the inbox.
 * Opening asks who owns the case first (`OpenCaseDialog`), then creates it only if the response has
 * none (cases are keyed by response), so a double click or a second tab never makes two, and a case
 * the team has already moved along is never reopened. Not offered to whoever may not open cases: a
 * key without the manage scope, an analyst, or an agent (agents work only cases assigned to them).
 */
export function CaseAction({
  responseId,
  who,
  status,
  inboxHref,
  onOpened,
}: {
  responseId: string;
  who: string;
  status: CaseStatus | undefined;
  inboxHref: (status: CaseStatus) => string;
  onOpened: (status: CaseStatus) => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const access = useAccess();
  const [asking, setAsking] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  // Set by this copy's button only (the table and the phone cards each draw one), so focus moves
  // from the button that disappears to the link that replaces it, not to a hidden twin.
  const focusLink = useRef(false);
  useEffect(() => {
    if (status && focusLink.current) {
      focusLink.current = false;
      link.current?.focus();
    }
  }, [status]);

  if (status)
    return (
      <span class="case-action" data-case-status={status}>
        <span class={`badge case-badge case-badge-${status}`}>
          {t('caseIs', { status: t(`caseStatus.${status}`) })}
        </span>
        <a ref={link} href={inboxHref(status)} aria-label={t('viewCaseOf', { who })}>
          {t('viewCase')}
        </a>
      </span>
    );

  const opened = (next: CaseStatus) => {
    focusLink.current = true;
    announce(t('caseOpenedFor', { who, status: t(`caseStatus.${next}`) }));
    onOpened(next);
  };
  const mayOpen = can(patchCase) && !(access.kind === 'member' && access.session.member.role === 'agent');
  if (!mayOpen) return <span class="case-action muted">{t('none')}</span>;
  return (
    <span class="case-action">
      <button
        type="button"
        class="btn btn-case"
        aria-label={t('openCaseFor', { who })}
        aria-haspopup="dialog"
        data-action="open-case"
        onClick={() => setAsking(true)}
      >
        {t('openCase')}
      </button>
      {asking && (
        <OpenCaseDialog responseId={responseId} who={who} onOpened={opened} onClose={() => setAsking(false)} />
      )}
    </span>
  );
}
