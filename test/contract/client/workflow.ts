/**
 * What an outside client writes: a typed client from `openapi-typescript` + `openapi-fetch` and
 * nothing from this repository, driving a whole workflow. The test type-checks it (no response may
 * be typed `never` or `unknown`) after generating `generated/seda-api.d.ts` from the document.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/seda-api';

type Reply<R> = R extends { data?: infer D } ? NonNullable<D> : never;
/** The success body, or a throw naming the error; a body typed `never` makes every use below a type error. */
function ok<R extends { data?: unknown; error?: unknown; response: Response }>(
  r: R,
): [Reply<R>] extends [never] ? 'typed never' : Reply<R> {
  if (r.error !== undefined || r.data === undefined)
    throw new Error(`${r.response.status}: ${JSON.stringify(r.error)}`);
  return r.data as never;
}

export async function workflow(baseUrl: string, adminToken: string, fetch?: (r: Request) => Promise<Response>) {
  const operator = createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${adminToken}` },
    ...(fetch ? { fetch } : {}),
  });
  const created = ok(
    await operator.POST('/v1/sites', { body: { name: 'Outside', origins: ['https://shop.example'], locale: 'fa' } }),
  );
  const siteKey: string = created.site.key;
  const api = createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${created.apiKey}` },
    ...(fetch ? { fetch } : {}),
  });

  const refused = await api.GET('/v1/surveys/{id}', { params: { path: { id: 'sv_missing' } } });
  const code: string | undefined = refused.error?.error.code;

  const survey: components['schemas']['SurveyInput'] = {
    name: 'Checkout',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?' } },
    ],
  };
  const { survey: saved } = ok(await api.POST('/v1/surveys', { body: survey }));
  const surveyId: string = saved.id;

  const response: components['schemas']['ResponseBody'] = {
    id: crypto.randomUUID(),
    siteKey,
    surveyId,
    answers: [
      { questionId: 'nps', value: 3 },
      { questionId: 'why', value: 'خیلی کند بود' },
    ],
    context: { locale: 'fa' },
    completed: true,
  };
  const accepted = ok(
    await createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}) }).POST('/v1/responses', {
      body: response,
      headers: { origin: 'https://shop.example' },
    }),
  );
  const acceptedId: string = accepted.id;

  const results = ok(
    await api.GET('/v1/surveys/{id}/results', { params: { path: { id: surveyId }, query: { interval: 'day' } } }),
  );
  const nps: number | undefined = results.metrics.nps?.score;
  const answered: number = results.responses;

  const verbatims = ok(
    await api.GET('/v1/surveys/{id}/verbatims', { params: { path: { id: surveyId }, query: { limit: 10 } } }),
  );
  const texts: string[] = verbatims.items.map((v) => `${v.sentiment}: ${v.text}`);

  const csv = await api.GET('/v1/surveys/{id}/responses', {
    params: { path: { id: surveyId }, query: { format: 'csv' } },
    parseAs: 'text',
  });
  const exported: string = csv.data ?? '';

  const hook = ok(await api.POST('/v1/webhooks', { body: { url: 'http://127.0.0.1:9/outside', events: ['alert'] } }));
  const secret: string = hook.secret;
  const alert = ok(await api.POST('/v1/alerts', { body: { surveyId, questionId: 'nps', max: 6, webhookId: hook.id } }));
  const cases = ok(await api.GET('/v1/cases', { params: { query: { status: 'open' } } }));
  const firstCase: string | undefined = cases.items[0]?.responseId;

  return { code, acceptedId, nps, answered, texts, exported, secret, alertKind: alert.kind, firstCase };
}
