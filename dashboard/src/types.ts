/** Shapes of the API responses the dashboard reads (see the results/journey/verbatims endpoints). */
import type { Ces, Comparison, Csat, Nps } from '../../shared/metrics';
import type { Stage } from '../../shared/schemas/common';
import type { Question, Survey } from '../../shared/schemas/survey';

export type { Ces, Comparison, Csat, Nps, Question, Stage, Survey };

export type MetricKey = 'nps' | 'csat' | 'ces';
export type Metrics = { nps: Nps | null; csat: Csat | null; ces: Ces | null };
export type Interval = 'day' | 'week' | 'month';
export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export type Localized = Record<string, string>;

export type Counts = { shown: number; responses: number; completed: number };

export type TrendPoint = Counts & Metrics & { period: string };

export type TouchpointResult = Counts & Metrics & { key: string; name: string; stage: Stage | null };

export type QuestionResult = {
  id: string;
  type: Question['type'];
  prompt: Localized;
  answered: number;
  distribution?: { value: number; count: number }[];
  options?: { id: string; label: Localized | string; count: number }[];
  mean?: { mean: number; n: number; ci95: [number, number] };
  sentiment?: { positive: number; neutral: number; negative: number };
};

export type SegmentItem = { value: string; responses: number } & Metrics;

export type Results = Counts & {
  survey: { id: string; name: string };
  range: { from: string; to: string; interval: Interval; previous: { from: string; to: string } };
  source?: 'rollup' | 'scan';
  metrics: Metrics;
  previous?: Counts & { metrics: Metrics };
  comparison?: { nps: Comparison | null; csat: Comparison | null; ces: Comparison | null };
  trend: TrendPoint[];
  touchpoints: TouchpointResult[];
  questions: QuestionResult[];
  segments?: { by: string; items: SegmentItem[] };
};

export type TouchpointDef = { key: string; name: string; stage: Stage };

export type JourneyCell = { key: string; name: string; n: number } & Metrics;
export type Journey = { stages: { stage: Stage; touchpoints: JourneyCell[] }[] };

export type Verbatim = {
  responseId: string;
  questionId: string;
  text: string;
  sentiment: SentimentLabel;
  score?: number | null;
  touchpoint?: string | null;
  locale?: string | null;
  createdAt: string | number;
};
export type VerbatimPage = { items: Verbatim[]; nextCursor?: string | null };

export type Term = { term: string; count: number };
export type Terms = Record<SentimentLabel, Term[]>;

export type { AtRiskItem } from '../../shared/schemas/api';

export type SegmentsInfo = {
  attributes: { name: string; values: { value: string; count: number }[] }[];
  locales: { value: string; count: number }[];
};

export type CaseStatus = 'open' | 'contacted' | 'resolved';

/** A follow-up case as PATCH /v1/cases/:responseId returns it. */
export type CaseRecord = {
  responseId: string;
  status: CaseStatus;
  owner: string | null;
  note: string | null;
  createdAt: string;
  firstContactAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
};

export type CaseAnswer = {
  questionId: string;
  value: number | string | string[] | null;
  sentiment?: SentimentLabel;
};

/** A case in the inbox (GET /v1/cases): the case and the response it is about. */
export type CaseItem = CaseRecord & {
  surveyId: string;
  touchpoint: string | null;
  respondentId: string | null;
  completed: boolean;
  respondedAt: string;
  answers: CaseAnswer[];
};

export type CasePage = { cases: CaseItem[]; nextCursor?: string };

export type DurationSummary = { n: number; medianHours: number | null; p90Hours: number | null };
export type CaseStats = {
  total: number;
  counts: Record<CaseStatus, number>;
  timeToFirstContact: DurationSummary;
  timeToResolve: DurationSummary;
};
