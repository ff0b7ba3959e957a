/**
 * Outcome rows from a CSV file (objects by header, as papaparse gives them) to the API's items,
 * each checked with the API's own schema; a bad row becomes a problem naming its line and field.
 */
import type { OutcomesAccepted } from '../../../shared/contract/why';
import { OutcomesBody } from '../../../shared/schemas/api';

export type OutcomeItem = OutcomesBody['items'][number];
export type RowProblem = { line: number; field: 'respondentId' | 'kind' | 'value' | 'at'; value: string };
export const OUTCOME_COLUMNS = ['respondentId', 'kind', 'value', 'at'] as const;
/** Items per POST /v1/outcomes (the API's maximum). */
export const OUTCOME_BATCH = 1000;

const Item = OutcomesBody.shape.items.element;
/** Persian and Arabic digits as ASCII, and the Persian decimal/thousands marks, so "۱۲۰٫۵" reads as 120.5. */
const asciiDigits = (s: string) =>
  s
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/٫/g, '.')
    .replace(/[٬,\s]/g, '');

export function prepareOutcomes(rows: readonly Record<string, string | undefined>[]): {
  items: OutcomeItem[];
  problems: RowProblem[];
} {
  const items: OutcomeItem[] = [];
  const problems: RowProblem[] = [];
  rows.forEach((row, i) => {
    const line = i + 2; // the header is line 1
    const raw = {
      respondentId: (row.respondentId ?? '').trim(),
      kind: (row.kind ?? '').trim().toLowerCase(),
      value: (row.value ?? '').trim(),
      at: (row.at ?? '').trim(),
    };
    const candidate = {
      respondentId: raw.respondentId,
      kind: raw.kind,
      ...(raw.value
        ? { value: /^[-+]?[\d۰-۹٠-٩.,٫٬\s]+$/.test(raw.value) ? Number(asciiDigits(raw.value)) : NaN }
        : {}),
      // a bare day is that day at midnight UTC
      ...(raw.at ? { at: /^\d{4}-\d{2}-\d{2}$/.test(raw.at) ? `${raw.at}T00:00:00Z` : raw.at } : {}),
    };
    const r = Item.safeParse(candidate);
    if (r.success) {
      items.push(r.data);
      return;
    }
    const fields = new Set(r.error.issues.map((x) => String(x.path[0])));
    for (const field of OUTCOME_COLUMNS) if (fields.has(field)) problems.push({ line, field, value: raw[field] });
  });
  return { items, problems };
}

export const missingColumns = (fields: readonly string[] | undefined) =>
  (['respondentId', 'kind'] as const).filter((c) => !fields?.includes(c));

/** What the API answered for the batches sent so far: new outcomes, and those it already had. */
export type ImportCounts = Pick<OutcomesAccepted, 'created' | 'existing' | 'updated'>;
export const NO_COUNTS: ImportCounts = { created: 0, existing: 0, updated: 0 };
export const addCounts = (a: ImportCounts, b: ImportCounts): ImportCounts => ({
  created: a.created + b.created,
  existing: a.existing + b.existing,
  updated: a.updated + b.updated,
});

/**
 * The sentence an import ends with. The API stores an outcome once (same respondent, kind and
 * time), so importing a file again, or again after a failure, adds only what is new: the team is
 * told how many were new and how many were already there, never "imported" for what was not added.
 */
export function importSummary(c: ImportCounts): {
  key: 'import.doneNew' | 'import.doneMixed' | 'import.doneNone';
  params: { n: number; created: number; existing: number };
  /** Already-stored outcomes whose value the file changed (0: say nothing). */
  updated: number;
} {
  const n = c.created + c.existing;
  const key = c.existing === 0 ? 'import.doneNew' : c.created === 0 ? 'import.doneNone' : 'import.doneMixed';
  return { key, params: { n, created: c.created, existing: c.existing }, updated: c.updated };
}
