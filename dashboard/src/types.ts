/**
 * The API shapes the dashboard reads, named for its views. Every one is inferred from the contract's
 * zod schemas (shared/contract, shared/schemas): none is declared here.
 */
import type { z } from 'zod';
import type { CaseItem, CaseStats, listCases } from '../../shared/contract/cases';
import type { ReplyOf } from '../../shared/contract/endpoint';
import type {
  JourneyCell as JourneyCellSchema,
  listVerbatims,
  Segments,
  Terms as TermsSchema,
} from '../../shared/contract/insights';
import type { ApiKeyInfo as ApiKeyInfoSchema } from '../../shared/contract/keys';
import type {
  QuestionResult as QuestionResultSchema,
  SegmentItem as SegmentItemSchema,
  TouchpointResult as TouchpointResultSchema,
  TrendPoint as TrendPointSchema,
} from '../../shared/contract/results';
import type { Touchpoint } from '../../shared/contract/touchpoints';

export type { CaseItem, CaseRecord, CaseStats } from '../../shared/contract/cases';
export type { Journey, Verbatim } from '../../shared/contract/insights';
export type { Results } from '../../shared/contract/results';
export type { AtRiskItem, CaseStatus, Interval, Sentiment, Site } from '../../shared/schemas/api';
export type { Stage } from '../../shared/schemas/common';
export type { Ces, Comparison, Csat, MetricKey, Metrics, Nps } from '../../shared/schemas/metrics';
export type { Question, Survey } from '../../shared/schemas/survey';

export type TrendPoint = z.infer<typeof TrendPointSchema>;
export type TouchpointResult = z.infer<typeof TouchpointResultSchema>;
export type QuestionResult = z.infer<typeof QuestionResultSchema>;
export type SegmentItem = z.infer<typeof SegmentItemSchema>;
export type TouchpointDef = z.infer<typeof Touchpoint>;
export type JourneyCell = z.infer<typeof JourneyCellSchema>;
export type VerbatimPage = ReplyOf<typeof listVerbatims>;
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;
export type Terms = z.infer<typeof TermsSchema>;
export type SegmentsInfo = z.infer<typeof Segments>;
export type CasePage = ReplyOf<typeof listCases>;
export type CaseAnswer = CaseItem['answers'][number];
export type DurationSummary = CaseStats['timeToFirstContact'];
export type Localized = Record<string, string>;
