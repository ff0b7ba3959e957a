import { toHash } from '../route';
import { useWhyT } from './i18n';
// The page's CSP admits only the inlined stylesheet: the lazily loaded screens' styles ride with it.
import './why.css';

/** The hash of a customer's page (the id goes in the query, encoded once by URLSearchParams). */
export const customerHash = (who: string) => toHash({ view: 'customer', filters: { range: '30', who } });

/** A respondent's id as a link to their page (kept out of customer.tsx so the lists do not load that screen). */
export function CustomerLink({ who, class: cls }: { who: string; class?: string }) {
  const { wt } = useWhyT();
  return (
    <a
      href={customerHash(who)}
      class={`mono customer-link ${cls ?? ''}`}
      dir="ltr"
      title={wt('customer.link', { who })}
    >
      {who}
    </a>
  );
}
