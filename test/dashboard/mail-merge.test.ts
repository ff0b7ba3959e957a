import { parse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { batches, linksCsv, prepareRespondents } from '../../dashboard/src/distribute/mail-merge';

const upload = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

describe('mail merge: respondents in, personal links out', () => {
  it('reads id, locale and attributes.* columns; other columns stay in the browser', () => {
    const rows = upload(
      'id,email,locale,attributes.plan,attributes.city\nc-1,a@x.example,fa,pro,Tehran\nc-2,b@x.example,,free,\n',
    );
    const p = prepareRespondents(rows);
    expect(p.problems).toEqual([]);
    expect(p.respondents).toEqual([
      { id: 'c-1', locale: 'fa', attributes: { plan: 'pro', city: 'Tehran' } },
      { id: 'c-2', attributes: { plan: 'free' } },
    ]);
    expect(JSON.stringify(p.respondents)).not.toContain('@x.example');
  });

  it('names each bad row with its line: no id, a duplicate, a bad locale or attribute name', () => {
    const rows = upload('id,locale,attributes.bad name\n,en,\nc-1,en,\nc-1,en,\nc-2,not a locale,\nc-3,en,x\n');
    const p = prepareRespondents(rows);
    expect(p.respondents.map((r) => r.id)).toEqual(['c-1']);
    expect(p.problems.map((x) => x.line)).toEqual([2, 4, 5, 6]);
    expect(p.problems[0]!.message).toBe('id');
    expect(p.problems[1]!.message).toBe('duplicate:c-1');
  });

  it('batches of at most 1,000', () => {
    const b = batches(Array.from({ length: 2500 }, (_, i) => i));
    expect(b.map((x) => x.length)).toEqual([1000, 1000, 500]);
  });

  it('the links file: BOM, every cell quoted, formulas defused, Persian intact, skipped ones with reason', () => {
    const rows = [
      { id: 'c-1', name: '=HYPERLINK("http://evil")', email: 'a@x.example' },
      { id: 'c-2', name: 'مریم', email: 'b@x.example' },
    ];
    const csv = linksCsv(rows, [
      { respondentId: 'c-1', url: 'https://c.example/s/A', status: 'pending', expiresAt: '2027-01-01T00:00:00.000Z' },
      {
        respondentId: 'c-2',
        url: 'https://c.example/s/B',
        status: 'skipped',
        reason: 'recontact_gap',
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
    ]);
    expect(csv.startsWith('\uFEFF"id","name","email","url","status","reason","expiresAt"\r\n')).toBe(true);
    for (const line of csv.slice(1).trim().split('\r\n')) expect(line).toMatch(/^"(?:[^"]|"")*"(,"(?:[^"]|"")*")*$/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const back = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(back[1]).toMatchObject({
      name: 'مریم',
      url: 'https://c.example/s/B',
      status: 'skipped',
      reason: 'recontact_gap',
    });
  });
});
