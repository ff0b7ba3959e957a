/**
 * The API shapes the dashboard reads, named for its views. Every one is inferred from the contract's
 * zod schemas (shared/contract, shared/schemas): none is declared here.
 */
import type { z } from 'zod';
import type { CaseItem, CaseStats } from '../../shared/contract/cases';
import type { JourneyCell as JourneyCellSchema, Segments } from '../../shared/contract/insights';
import type { ApiKeyInfo as ApiKeyInfoSchema } from '../../shared/contract/keys';
import type { QuestionResult as QuestionResultSchema } from '../../shared/contract/results';
import type { Touchpoint } from '../../shared/contract/touchpoints';

export type { CaseItem, CaseRecord, CaseStats } from '../../shared/contract/cases';
export type { Verbatim } from '../../shared/contract/insights';
export type { Results } from '../../shared/contract/results';
export type { AtRiskItem, CaseStatus, Interval, Site } from '../../shared/schemas/api';
export type { Stage } from '../../shared/schemas/common';
export type { Ces, Comparison, Csat, MetricKey, Metrics, Nps } from '../../shared/schemas/metrics';
export type { Question, Survey } from '../../shared/schemas/survey';

export type QuestionResult = z.infer<typeof QuestionResultSchema>;
export type TouchpointDef = z.infer<typeof Touchpoint>;
export type JourneyCell = z.infer<typeof JourneyCellSchema>;
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;
export type SegmentsInfo = z.infer<typeof Segments>;
export type CaseAnswer = CaseItem['answers'][number];
export type DurationSummary = CaseStats['timeToFirstContact'];
