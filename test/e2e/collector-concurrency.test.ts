import { describe, expect, it } from 'vitest';
import { api, collectorUrl, createSite, createSurvey, createTouchpoint, sendResponse } from './helpers';

/**
 * Concurrent posts through `wrangler dev` (workerd, local D1): the collector commits posts that
 * arrive while a write is in flight together, in one D1 batch. Every 202 must still mean stored,
 * exactly once, with the rollups the results read equal to a scan of the answers.
 */
const ORIGIN = 'https://busy-shop.example';

async function post(body: Record<string, unknown>) {
  const res = await sendResponse(ORIGIN, body);
  await res.arrayBuffer();
  // Server-Timing: write;dur=N;desc="K posts": how many posts shared this post's D1 write
  const shared = Number(/desc="(\d+) posts"/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? 0);
  return { status: res.status, shared };
}

describe('concurrent posts to the collector', () => {
  it('share D1 writes, and every 202 is stored exactly once with rollups equal to a scan', async () => {
    const { site, apiKey } = await createSite([ORIGIN]);
    await createTouchpoint(apiKey, { key: 'checkout', name: 'Checkout', stage: 'purchase' });
    const questions = [
      { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?' } },
      { id: 'csat', type: 'csat', prompt: { en: 'Satisfied?' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?' } },
    ];
    const survey = await createSurvey(apiKey, { name: 'Busy', status: 'active', questions } as never);
    const other = await createSurvey(apiKey, { name: 'Other', status: 'active', questions } as never);
    const taken = crypto.randomUUID();
    const base = { siteKey: site.key, touchpoint: 'checkout' };
    expect(
      (
        await post({
          ...base,
          id: taken,
          surveyId: other.id,
          answers: [{ questionId: 'nps', value: 10 }],
          completed: true,
        })
      ).status,
    ).toBe(202);

    const ids = Array.from({ length: 120 }, () => crypto.randomUUID());
    const first = (i: number) => [
      { questionId: 'nps', value: i % 11 },
      { questionId: 'why', value: i % 2 ? 'Terrible slow delivery' : 'Great service, love it' },
    ];
    const bodies = [
      ...ids.map((id, i) => ({ ...base, id, surveyId: survey.id, answers: first(i), completed: false })),
      // a tenth sent twice at once (a retry racing the original), a fifth with a second part
      ...ids.slice(0, 12).map((id, i) => ({ ...base, id, surveyId: survey.id, answers: first(i), completed: false })),
      ...ids.slice(0, 24).map((id) => ({
        ...base,
        id,
        surveyId: survey.id,
        answers: [{ questionId: 'csat', value: 2 }],
        completed: true,
      })),
      // an id that belongs to another survey is refused, whatever shares its write
      { ...base, id: taken, surveyId: survey.id, answers: [{ questionId: 'nps', value: 0 }], completed: true },
    ];
    // 32 clients at a time, as the bench does
    const results: { status: number; shared: number }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < bodies.length) {
          const i = next++;
          results[i] = await post(bodies[i] as Record<string, unknown>);
        }
      }),
    );
    expect(results.slice(0, -1).map((r) => r.status)).toEqual(Array(bodies.length - 1).fill(202));
    expect(results.at(-1)?.status).toBe(409);
    // the posts really shared writes (otherwise this test would not test the group commit)
    expect(Math.max(...results.map((r) => r.shared))).toBeGreaterThan(1);

    const exported = await fetch(`${collectorUrl()}/v1/surveys/${survey.id}/responses?format=ndjson`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const rows = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { responseId: string; completed: boolean; answers: Record<string, unknown> });
    expect(rows.map((r) => r.responseId).sort()).toEqual([...ids].sort());
    const byId = new Map(rows.map((r) => [r.responseId, r]));
    ids.forEach((id, i) => {
      const row = byId.get(id)!;
      expect(row.answers.nps).toBe(i % 11);
      expect(row.answers.csat).toBe(i < 24 ? 2 : undefined);
      expect(row.completed).toBe(i < 24);
    });
    const theirs = await api(`/v1/surveys/${other.id}/results`, { key: apiKey });
    expect(theirs.body.metrics.nps).toMatchObject({ n: 1, score: 100 });

    const rollup = await api(`/v1/surveys/${survey.id}/results`, { key: apiKey });
    const scan = await api(`/v1/surveys/${survey.id}/results?source=scan`, { key: apiKey });
    expect(rollup.body.source).toBe('rollup');
    expect(scan.body.source).toBe('scan');
    for (const key of ['responses', 'completed', 'shown', 'metrics', 'touchpoints', 'questions']) {
      expect(rollup.body[key], key).toEqual(scan.body[key]);
    }
    expect(rollup.body.metrics.nps.n).toBe(120);
    expect(rollup.body.completed).toBe(24);
  });
});
