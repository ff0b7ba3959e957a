import { exports } from 'cloudflare:workers';
import type { SurveyInput } from '../../shared/schemas/survey';

export const ADMIN = 'test-admin-token';
export const ORIGIN = 'https://shop.example';

/** A request to the Worker under test, through its real fetch handler. */
export function call(path: string, init: RequestInit & { key?: string; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return (exports as unknown as { default: Fetcher }).default.fetch(
    new Request(`https://seda.test${path}`, { ...init, headers, body }),
  );
}

export async function createSite(origins = [ORIGIN], name = 'Shop') {
  const res = await call('/v1/sites', { method: 'POST', key: ADMIN, json: { name, origins } });
  if (res.status !== 201) throw new Error(`site: ${res.status} ${await res.text()}`);
  return (await res.json()) as { site: { id: string; key: string }; apiKey: string };
}

export const NPS_SURVEY: SurveyInput = {
  name: 'Checkout NPS',
  status: 'active',
  questions: [
    { id: 'nps', type: 'nps', prompt: { en: 'How likely are you to recommend us?', fa: 'چقدر ما را توصیه می‌کنید؟' } },
    { id: 'csat', type: 'csat', prompt: { en: 'How satisfied are you?' } },
    { id: 'ces', type: 'ces', prompt: { en: 'It was easy to check out.' } },
    { id: 'why', type: 'text', prompt: { en: 'What should we improve?' }, showIf: { questionId: 'nps', max: 6 } },
    {
      id: 'channel',
      type: 'choice',
      multiple: true,
      prompt: { en: 'How did you hear of us?' },
      options: [
        { id: 'search', label: { en: 'Search' } },
        { id: 'friend', label: { en: 'A friend' } },
        { id: 'ad', label: { en: 'An ad' } },
      ],
    },
  ],
};

export async function createSurvey(apiKey: string, survey: SurveyInput = NPS_SURVEY) {
  const res = await call('/v1/surveys', { method: 'POST', key: apiKey, json: survey });
  if (res.status !== 201) throw new Error(`survey: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { survey: { id: string } }).survey;
}

/** A site with one active survey, ready to collect. */
export async function setup() {
  const { site, apiKey } = await createSite();
  const survey = await createSurvey(apiKey);
  return { site, apiKey, survey };
}

export function postResponse(
  body: Record<string, unknown>,
  origin: string | null = ORIGIN,
  contentType = 'text/plain',
) {
  return call('/v1/responses', {
    method: 'POST',
    headers: { 'content-type': contentType, ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
}

export function getJson<T = any>(path: string, key: string): Promise<T> {
  return call(path, { key }).then(async (r) => {
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<T>;
  });
}

/**
 * Runs `burst` until one run starts and ends in the same window of the Rate Limiting binding. Its
 * windows are aligned to the wall clock (a minute each), so a burst that crosses a window's end on a
 * busy machine starts counting afresh; each attempt gets its number, to use a fresh address.
 */
export async function inOneLimiterWindow<T>(burst: (attempt: number) => Promise<T>): Promise<T> {
  const window = () => Math.floor(Date.now() / 60_000);
  for (let attempt = 0; ; attempt++) {
    const start = window();
    const result = await burst(attempt);
    if (window() === start || attempt >= 4) return result;
  }
}
