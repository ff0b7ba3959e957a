/**
 * Outcome rows from a CSV file (objects by header, as papaparse gives them) to the API's items,
 * each checked with the API's own schema; a bad row becomes a problem naming its line and field.
 */
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
