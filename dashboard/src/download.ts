import { exportResponses } from '../../shared/contract/results';
import { type CallInput, fetchApi, urlOf } from './api';

/**
 * CSV export: fetched with the credential in the Authorization header, then saved from a Blob, so
 * the key never appears in a URL, the history or a server log.
 */
export async function downloadCsv(
  surveyId: string,
  query: Omit<NonNullable<CallInput<typeof exportResponses>['query']>, 'format'>,
  fileName: string,
): Promise<string> {
  const res = await fetchApi(
    'get',
    urlOf(exportResponses, { params: { id: surveyId }, query: { ...query, format: 'csv' } }),
  );
  saveBlob(new Blob([await res.blob()], { type: 'text/csv;charset=utf-8' }), fileName);
  return fileName;
}

/** Saves a Blob made in the page (an export, a QR code, a links file) as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file-system-safe name: letters (any script), digits, dashes. */
export const safeName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'survey';
