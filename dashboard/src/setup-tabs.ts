import { listAlerts } from '../../shared/contract/alerts';
import { getDigest, listShareLinks } from '../../shared/contract/digest';
import type { Endpoint } from '../../shared/contract/endpoint';
import { listKeys } from '../../shared/contract/keys';
import { getSite } from '../../shared/contract/sites';
import { listSurveys } from '../../shared/contract/surveys';
import { listAudit, listMembers } from '../../shared/contract/teams';
import { listTouchpoints } from '../../shared/contract/touchpoints';
import { listWebhooks } from '../../shared/contract/webhooks';
import type { SETUP_VIEWS } from './route';

/**
 * Set-up is for whoever may read more of the site than its results and cases: in the contract, the
 * `read` endpoints outside an agent's features (shared/contract/roles.ts), of which the members list
 * is one every such reader may call. An agent (and a key without "read") gets the results only.
 */
const SETUP_READ: Endpoint = listMembers;

/** What each set-up tab reads: the tab is offered when every one may be called (roles.ts, or the key's scopes). */
export const SETUP_ENDPOINTS: Record<(typeof SETUP_VIEWS)[number], readonly Endpoint[]> = {
  surveys: [listSurveys, SETUP_READ],
  touchpoints: [listTouchpoints, SETUP_READ],
  install: [getSite, SETUP_READ],
  keys: [listKeys],
  members: [listMembers],
  alerts: [listAlerts],
  webhooks: [listWebhooks],
  audit: [listAudit],
  digest: [getDigest, listShareLinks],
};
