// The URLs the dashboard's API client asks for: the contract's path with each parameter encoded
// once, then the query without empty values.
import { describe, expect, it } from 'vitest';
import { queryString, urlOf } from '../../dashboard/src/api';
import { getCaseStats, patchCase } from '../../shared/contract/cases';
import { getJourney, listVerbatims } from '../../shared/contract/insights';
import { exportResponses, getResults } from '../../shared/contract/results';
import { listSurveys } from '../../shared/contract/surveys';

describe('queryString', () => {
  it('keeps defined, non-empty values in order, encoded', () => {
    expect(queryString({ from: '2026-01-01', to: undefined, q: '', touchpoint: null, limit: 50 })).toBe(
      '?from=2026-01-01&limit=50',
    );
    const q = queryString({ q: 'پرداخت & "کند"', segment: 'plan:pro' });
    expect(q).toMatch(/^\?q=[^&]+&segment=plan%3Apro$/);
    expect(new URLSearchParams(q).get('q')).toBe('پرداخت & "کند"');
  });

  it('nothing at all without a value', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({ a: undefined, b: '' })).toBe('');
  });
});

describe('urlOf', () => {
  it('the path of the declared endpoint, parameters encoded once', () => {
    expect(urlOf(listSurveys, {})).toBe('/v1/surveys');
    expect(urlOf(getResults, { params: { id: 'sv 1/ä' } })).toBe('/v1/surveys/sv%201%2F%C3%A4/results');
    expect(urlOf(patchCase, { params: { responseId: 'r%1' }, body: {} })).toBe('/v1/cases/r%251');
  });

  it('with the query', () => {
    expect(urlOf(getJourney, { query: { from: '2026-01-01', to: '2026-01-31' } })).toBe(
      '/v1/journey?from=2026-01-01&to=2026-01-31',
    );
    expect(
      urlOf(getResults, {
        params: { id: 'sv_1' },
        query: { from: '2026-01-01', interval: 'week', touchpoint: undefined, segment: 'plan:pro' },
      }),
    ).toBe('/v1/surveys/sv_1/results?from=2026-01-01&interval=week&segment=plan%3Apro');
    expect(urlOf(listVerbatims, { params: { id: 'sv_1' }, query: { limit: 50, cursor: 'abc' } })).toBe(
      '/v1/surveys/sv_1/verbatims?limit=50&cursor=abc',
    );
    expect(urlOf(exportResponses, { params: { id: 'sv_1' }, query: { format: 'csv' } })).toBe(
      '/v1/surveys/sv_1/responses?format=csv',
    );
    expect(urlOf(getCaseStats, { query: {} })).toBe('/v1/cases/stats');
  });

  it('a missing path parameter is an error, not a URL with a hole', () => {
    expect(() => urlOf(getResults, { params: {} as { id: string } })).toThrow(/missing path parameter id/);
  });
});
