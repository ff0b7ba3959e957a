import { useEffect, useRef, useState } from 'preact/hooks';
import { patchCase } from '../../../shared/contract/cases';
import { announce } from '../announce';
import { call } from '../api';
import { useI18n } from '../i18n';
import type { CaseStatus } from '../types';
import './case-action.css';

/**
 * The follow-up action on one at-risk respondent: "Open case" on the response of their latest NPS
 * answer, or, once it has a case, that case's status and a link to it in the inbox.
 * Opening is a PATCH with no fields: it creates the case only if the response has none (cases are
 * keyed by response), so a double click or a second tab never makes two, and a case the team has
 * already moved along is never reopened. Needs a key with the manage scope; a refusal is shown here.
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
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

  const open = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call(patchCase, { params: { responseId }, body: {} });
      focusLink.current = true;
      announce(t('caseOpenedFor', { who, status: t(`caseStatus.${r.case.status}`) }));
      onOpened(r.case.status);
    } catch (e) {
      const text = t('openCaseFailed', { message: (e as Error).message });
      setError(text);
      announce(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="case-action">
      <button
        type="button"
        class="btn btn-case"
        disabled={busy}
        aria-label={busy ? undefined : t('openCaseFor', { who })}
        data-action="open-case"
        onClick={open}
      >
        {busy ? t('openingCase') : t('openCase')}
      </button>
      {error && <span class="case-action-error">{error}</span>}
    </span>
  );
}
