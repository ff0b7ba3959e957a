import type { Filter } from './sql';

/** An `identify` attribute and the value a query filters it on. */
export type Segment = NonNullable<Filter['segment']>;

/**
 * Splits a `segment=attr:value` query value (checked by `SegmentFilter` in shared/schemas/api.ts)
 * at its first colon, so the value may itself contain colons. No segment gives `undefined`.
 */
export function parseSegment(segment: string | undefined): Segment | undefined {
  if (!segment) return undefined;
  const colon = segment.indexOf(':');
  return { name: segment.slice(0, colon), value: segment.slice(colon + 1) };
}
