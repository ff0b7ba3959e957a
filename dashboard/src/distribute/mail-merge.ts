import { BOM, csvLine } from '../../../shared/csv';
import { InvitationRespondent, MAX_INVITATIONS_PER_CALL, type SkipReason } from '../../../shared/schemas/invitation';

/**
 * The mail merge: a CSV of respondents in, personal links out. Columns: `id` (required: the site's
 * own id for the person), `locale` (optional), `attributes.NAME` (sent with the invitation, usable by
 * `targeting.attributes`). Every other column (email, name, phone) never leaves the browser: it comes
 * back beside the link in the file for the mail merge.
 */

export type InputRow = Record<string, string>;
export type Respondent = ReturnType<typeof InvitationRespondent.parse>;
export type RowProblem = { line: number; message: string };
export type Prepared = { respondents: Respondent[]; rows: InputRow[]; problems: RowProblem[] };

const ID_COLUMNS = ['id', 'respondentid', 'respondent_id'];
const LOCALE_COLUMNS = ['locale', 'lang', 'language'];
const ATTR = /^attributes?\.(.+)$/i;

/** Rows (objects by header, as papaparse gives them) to respondents; bad rows become problems with their line. */
export function prepareRespondents(rows: InputRow[]): Prepared {
  const out: Prepared = { respondents: [], rows: [], problems: [] };
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 2; // line 1 is the header
    const cells = Object.entries(row).map(([k, v]) => [k.trim(), (v ?? '').trim()] as const);
    if (cells.every(([, v]) => v === '')) return;
    const pick = (names: string[]) => cells.find(([k]) => names.includes(k.toLowerCase()))?.[1] ?? '';
    const id = pick(ID_COLUMNS);
    const locale = pick(LOCALE_COLUMNS);
    const attributes = Object.fromEntries(
      cells.flatMap(([k, v]) => {
        const m = ATTR.exec(k);
        return m?.[1] && v !== '' ? [[m[1], v]] : [];
      }),
    );
    const candidate = {
      id,
      ...(locale ? { locale: locale.toLowerCase() } : {}),
      ...(Object.keys(attributes).length ? { attributes } : {}),
    };
    const parsed = InvitationRespondent.safeParse(candidate);
    if (!id) out.problems.push({ line, message: 'id' });
    else if (seen.has(id)) out.problems.push({ line, message: `duplicate:${id}` });
    else if (!parsed.success)
      out.problems.push({
        line,
        message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
    else {
      seen.add(id);
      out.respondents.push(parsed.data);
      out.rows.push(row);
    }
  });
  return out;
}

/** Calls of at most 1,000 respondents each (the API's limit per call). */
export function batches<T>(items: T[], size = MAX_INVITATIONS_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type Link = { respondentId?: string; url: string; expiresAt: string; status: string; reason?: SkipReason };

/**
 * The file for the mail merge: the person's own columns as uploaded, then `url`, `status`, `reason`
 * and `expiresAt`. BOM for Excel, every cell quoted, formula-like text defused (as the export does).
 */
export function linksCsv(rows: InputRow[], links: Link[]): string {
  const own = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const extra = ['url', 'status', 'reason', 'expiresAt'];
  return (
    BOM +
    csvLine([...own, ...extra]) +
    rows
      .map((r, i) => {
        const l = links[i];
        return csvLine([
          ...own.map((k) => r[k] ?? ''),
          l?.url ?? '',
          l?.status ?? '',
          l?.reason ?? '',
          l?.expiresAt ?? '',
        ]);
      })
      .join('')
  );
}
