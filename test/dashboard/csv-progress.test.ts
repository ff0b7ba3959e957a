// The rows-so-far count a streaming export reports: records, not line feeds (a comment may hold
// line breaks inside its quoted cell), whatever way the bytes are cut into chunks.
import { describe, expect, it } from 'vitest';
import { csvRecordCounter } from '../../dashboard/src/download';
import { BOM, csvLine } from '../../shared/csv';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('csvRecordCounter', () => {
  const csv =
    BOM +
    csvLine(['responseId', 'answers.why']) +
    csvLine(['r1', 'first line\r\nsecond line']) +
    csvLine(['r2', 'he said "late"\nand left']) +
    csvLine(['r3', 'پرداخت کند بود']);

  it('counts records, not the line breaks inside quoted cells', () => {
    expect(csvRecordCounter()(bytes(csv))).toBe(4);
  });

  it('gives the same count for any chunking, growing as chunks arrive', () => {
    const all = bytes(csv);
    for (const size of [1, 2, 3, 7, 64]) {
      const count = csvRecordCounter();
      const seen: number[] = [];
      for (let i = 0; i < all.length; i += size) seen.push(count(all.subarray(i, i + size)));
      expect(seen.at(-1)).toBe(4);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });
});
