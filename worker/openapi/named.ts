/**
 * Shapes worth a name in the OpenAPI document (`#/components/schemas/NAME`): those that several
 * operations share (a reply shared by several operations would otherwise be named after the first). Everything else is described where it is used.
 */
import { Alert } from '../../shared/contract/alerts';
import { CaseItem, CaseRecord, CaseReply } from '../../shared/contract/cases';
import { EventAnswer, EventResponse } from '../../shared/contract/events';
import { Verbatim } from '../../shared/contract/insights';
import { Invitation } from '../../shared/contract/invitations';
import { ApiKeyInfo } from '../../shared/contract/keys';
import { ExportRecord } from '../../shared/contract/results';
import { SiteSettings } from '../../shared/contract/sites';
import { SurveyReply } from '../../shared/contract/surveys';
import { Delivery, Webhook } from '../../shared/contract/webhooks';
import {
  AlertInput,
  AlertRuleInput,
  ApiKeyInput,
  AtRiskItem,
  CaseInput,
  DropAlertInput,
  Site,
  SiteInput,
  SitePatch,
  SiteSettingsPatch,
  TouchpointInput,
  WebhookInput,
} from '../../shared/schemas/api';
import { LocalizedText } from '../../shared/schemas/common';
import { InvitationInput } from '../../shared/schemas/invitation';
import { CesMetric, Comparison, CsatMetric, Metrics, NpsMetric } from '../../shared/schemas/metrics';
import { ResponseBody } from '../../shared/schemas/response';
import {
  PublicSurvey,
  Question,
  Survey,
  SurveyInput,
  SurveyPatch,
  Targeting,
  Theme,
} from '../../shared/schemas/survey';

export const NAMED_SCHEMAS = {
  LocalizedText,
  Question,
  Targeting,
  Theme,
  Survey,
  PublicSurvey,
  Site,
  NpsMetric,
  CsatMetric,
  CesMetric,
  Metrics,
  Comparison,
  Verbatim,
  Invitation,
  AtRiskItem,
  ApiKeyInfo,
  Webhook,
  Delivery,
  Alert,
  CaseRecord,
  CaseItem,
  CaseReply,
  SurveyReply,
  SiteSettings,
  ExportRecord,
  EventAnswer,
  EventResponse,
};

/** Request bodies, under the names of their schemas in shared/schemas. */
export const NAMED_BODIES = {
  ResponseBody,
  SurveyInput,
  SurveyPatch,
  SiteInput,
  SitePatch,
  SiteSettingsPatch,
  TouchpointInput,
  WebhookInput,
  AlertRuleInput,
  AlertInput,
  DropAlertInput,
  CaseInput,
  ApiKeyInput,
  InvitationInput,
};
