// What the outcomes CSV import says when it ends: the API stores an outcome once, so a file
// imported again (or resumed after a failure) adds only what is new, and the team is told how many
// were new and how many were already there, in en, fa and ar.
import { describe, expect, it } from 'vitest';
import { addCounts, importSummary, NO_COUNTS } from '../../dashboard/src/why/outcomes-csv';

describe('the outcomes import summary', () => {
  it('adds up the batches the API answered', () => {
    const batches = [
      { created: 1000, existing: 0, updated: 0 },
      { created: 400, existing: 600, updated: 2 },
      { created: 0, existing: 500, updated: 0 },
    ];
    expect(batches.reduce(addCounts, NO_COUNTS)).toEqual({ created: 1400, existing: 1100, updated: 2 });
  });

  it('says "all new", "nothing new" or how many of each, never "imported" for what was not added', () => {
    expect(importSummary({ created: 2500, existing: 0, updated: 0 })).toEqual({
      key: 'import.doneNew',
      params: { n: 2500, created: 2500, existing: 0 },
      updated: 0,
    });
    expect(importSummary({ created: 0, existing: 2500, updated: 0 })).toMatchObject({
      key: 'import.doneNone',
      params: { n: 2500 },
    });
    expect(importSummary({ created: 10, existing: 5, updated: 3 })).toEqual({
      key: 'import.doneMixed',
      params: { n: 15, created: 10, existing: 5 },
      updated: 3,
    });
  });
});
