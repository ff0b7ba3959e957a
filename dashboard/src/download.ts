import { query, request } from './api';

/**
 * CSV export: fetched with the key in the Authorization header, then saved from a Blob, so the
 * key never appears in a URL, the history or a server log.
 */
export async function downloadCsv(
  surveyId: string,
  params: {
    from: string;
    to: string;
    touchpoint?: string | undefined;
    segment?: string | undefined;
    locale?: string | undefined;
  },
  fileName: string,
): Promise<string> {
  const res = await request(
    `/v1/surveys/${encodeURIComponent(surveyId)}/responses${query({ format: 'csv', ...params })}`,
  );
  const blob = await res.blob();
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return fileName;
}

/** A file-system-safe name: letters (any script), digits, dashes. */
export const safeName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'survey';
