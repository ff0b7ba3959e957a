import { describe, expect, it } from 'vitest';
import { parseSegment } from '../../worker/results/segment';

describe('parseSegment', () => {
  it('splits at the first colon, so the value may contain colons', () => {
    expect(parseSegment('plan:pro')).toEqual({ name: 'plan', value: 'pro' });
    expect(parseSegment('ref:https://a.example:8080/x')).toEqual({ name: 'ref', value: 'https://a.example:8080/x' });
  });

  it('gives undefined without a segment', () => {
    expect(parseSegment(undefined)).toBeUndefined();
    expect(parseSegment('')).toBeUndefined();
  });
});
