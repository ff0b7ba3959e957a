import type { Filters, View } from './route';
import type { Interval, SegmentsInfo, Survey, TouchpointDef } from './types';

/** What every view gets from the shell: the chosen survey, resolved dates and the filter setter. */
export type ViewProps = {
  view: View;
  survey: Survey | undefined;
  surveys: Survey[];
  touchpoints: TouchpointDef[];
  segments: SegmentsInfo | undefined;
  filters: Filters;
  dates: { from: string; to: string; interval: Interval };
  setFilters: (patch: Partial<Filters>, replace?: boolean) => void;
};

export type FilterName = 'survey' | 'range' | 'interval' | 'touchpoint' | 'segment' | 'language' | 'channel';

/** Which global filters each view honours (the rest are listed as "not applied" when set). */
export const VIEW_FILTERS: Record<View, readonly FilterName[]> = {
  overview: ['survey', 'range', 'interval', 'touchpoint', 'segment', 'language', 'channel'],
  journey: ['range', 'channel'],
  segments: ['survey', 'range', 'touchpoint', 'segment', 'language', 'channel'],
  verbatims: ['survey', 'range', 'touchpoint', 'channel'],
  'at-risk': ['range'],
  inbox: ['range'],
  'drop-off': ['survey', 'range', 'touchpoint', 'segment', 'language'],
  drivers: ['survey', 'range'],
  topics: ['survey', 'range'],
  outcomes: ['range'],
  customer: [],
};
