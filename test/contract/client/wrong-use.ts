/**
 * Mistakes the generated types must catch: each line below has to be a type error (tsc fails on an
 * unused @ts-expect-error), so a document that typed replies as `any` or `unknown` fails the test.
 */
import type createClient from 'openapi-fetch';
import type { paths } from './generated/seda-api';

export async function wrongUse(api: ReturnType<typeof createClient<paths>>) {
  const r = await api.GET('/v1/surveys/{id}/results', { params: { path: { id: 'sv_1' } } });
  // @ts-expect-error: results have no `score` at the top level
  r.data?.score;
  // @ts-expect-error: NPS score is a number
  const s: string | undefined = r.data?.metrics.nps?.score;
  const badQuestion = { id: 'q', type: 'stars', prompt: { en: 'x' } } as const;
  // @ts-expect-error: a question type that does not exist
  await api.POST('/v1/surveys', { body: { name: 'x', status: 'active', questions: [badQuestion] } });
  // @ts-expect-error: path parameters are required
  await api.GET('/v1/surveys/{id}', {});
  const e = await api.GET('/v1/keys');
  // @ts-expect-error: errors carry `error.code`, not `code`
  e.error?.code;
  return s;
}
