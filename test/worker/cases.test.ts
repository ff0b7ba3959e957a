import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, postResponse, setup } from './helpers';
import { json } from './loop-helpers';

type Case = {
  responseId: string;
  status: string;
  owner: string | null;
  note: string | null;
  firstContactAt: string | null;
  resolvedAt: string | null;
  answers?: { questionId: string; value: unknown }[];
};

async function responses(n: number) {
  const s = await setup();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID();
    ids.push(id);
    const res = await postResponse({
      id,
      siteKey: s.site.key,
      surveyId: s.survey.id,
      respondent: { id: `user-${i}` },
      answers: [
        { questionId: 'nps', value: i % 7 },
        { questionId: 'why', value: 'Too slow' },
      ],
      completed: true,
    });
    expect(res.status).toBe(202);
  }
  return { ...s, ids };
}

const put = (key: string, id: string, body: object, method = 'PUT') =>
  json<{ case: Case }>(call(`/v1/cases/${id}`, { method, key, json: body }));

describe('/v1/cases', () => {
  it('opens a case, records first contact once, resolution, owner and note', async () => {
    const { apiKey, ids } = await responses(1);
    const id = ids[0]!;
    const opened = await put(apiKey, id, { owner: 'sara@shop.example', note: 'call back' });
    expect(opened.status).toBe(200);
    expect(opened.body.case).toMatchObject({ status: 'open', owner: 'sara@shop.example', firstContactAt: null });

    const contacted = await put(apiKey, id, { status: 'contacted' }, 'PATCH');
    expect(contacted.body.case).toMatchObject({ status: 'contacted', owner: 'sara@shop.example', note: 'call back' });
    const firstContact = contacted.body.case.firstContactAt;
    expect(firstContact).toEqual(expect.any(String));

    const resolved = await put(apiKey, id, { status: 'resolved', note: 'refunded' }, 'PATCH');
    expect(resolved.body.case).toMatchObject({ status: 'resolved', note: 'refunded', firstContactAt: firstContact });
    expect(resolved.body.case.resolvedAt).toEqual(expect.any(String));

    const reopened = await put(apiKey, id, { status: 'open', owner: null }, 'PATCH');
    expect(reopened.body.case).toMatchObject({
      status: 'open',
      owner: null,
      resolvedAt: null,
      firstContactAt: firstContact,
    });

    expect((await json(call(`/v1/cases/${id}`, { key: apiKey }))).body.case).toMatchObject({ status: 'open' });
  });

  it('lists the inbox with the response and its answers, filtered by status, page by page', async () => {
    const { apiKey, ids, survey } = await responses(3);
    await put(apiKey, ids[0]!, {});
    await put(apiKey, ids[1]!, { status: 'contacted' });
    await put(apiKey, ids[2]!, { status: 'contacted' });
    const contacted = await json<{ cases: (Case & Record<string, unknown>)[] }>(
      call('/v1/cases?status=contacted', { key: apiKey }),
    );
    expect(contacted.body.cases.map((c) => c.responseId).sort()).toEqual([ids[1], ids[2]].sort());
    expect(contacted.body.cases[0]).toMatchObject({
      surveyId: survey.id,
      respondentId: expect.stringMatching(/^user-/),
      completed: true,
      respondedAt: expect.any(String),
    });
    expect(contacted.body.cases[0]!.answers!.map((a) => a.questionId).sort()).toEqual(['nps', 'why']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await json<{ cases: Case[]; nextCursor?: string }>(
        call(`/v1/cases?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key: apiKey }),
      );
      expect(page.body.cases.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.cases.map((c) => c.responseId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('reports time to first contact (median, p90 in hours) and counts per status', async () => {
    const { apiKey, ids } = await responses(4);
    // Measured from when the case was opened (not from the answer): the team cannot act before.
    const hoursAgo = [1, 2, 10, 5];
    for (const id of ids) await put(apiKey, id, {});
    for (const [i, h] of hoursAgo.entries()) {
      await env.DB.prepare('UPDATE cases SET created_at = ? WHERE response_id = ?')
        .bind(Date.now() - h * 3_600_000, ids[i])
        .run();
      await env.DB.prepare('UPDATE responses SET created_at = ? WHERE id = ?')
        .bind(Date.now() - (h + 24) * 3_600_000, ids[i])
        .run();
    }
    await put(apiKey, ids[0]!, { status: 'contacted' });
    await put(apiKey, ids[1]!, { status: 'resolved' });
    await put(apiKey, ids[2]!, { status: 'contacted' });
    // ids[3] stays open: not contacted yet
    const stats = await json(call('/v1/cases/stats', { key: apiKey }));
    expect(stats.status).toBe(200);
    expect(stats.body.counts).toEqual({ open: 1, contacted: 2, resolved: 1 });
    expect(stats.body.total).toBe(4);
    const t = stats.body.timeToFirstContact;
    expect(t.n).toBe(3);
    expect(t.medianHours).toBeCloseTo(2, 1);
    expect(t.p90Hours).toBeCloseTo(2 + (10 - 2) * 0.8, 1);
    expect(stats.body.timeToResolve).toMatchObject({ n: 1 });
    expect(stats.body.timeToResolve.medianHours).toBeCloseTo(2, 1);
    // an empty range has no numbers, not zeros
    const empty = await json(call('/v1/cases/stats?from=2001-01-01&to=2001-01-31', { key: apiKey }));
    expect(empty.body).toMatchObject({ total: 0, timeToFirstContact: { n: 0, medianHours: null, p90Hours: null } });
  });

  it("refuses unknown or other sites' responses, bad fields, and writes without the manage scope", async () => {
    const a = await responses(1);
    const b = await responses(1);
    expect((await put(a.apiKey, b.ids[0]!, {})).status).toBe(404);
    expect((await put(a.apiKey, crypto.randomUUID(), {})).status).toBe(404);
    const bad = await put(a.apiKey, a.ids[0]!, { status: 'closed' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { error: { issues: { path: string[] }[] } }).error.issues[0]!.path).toEqual([
      'status',
    ]);
    expect((await json(call('/v1/cases?status=nope', { key: a.apiKey }))).status).toBe(400);
    expect((await json(call('/v1/cases?cursor=zzz', { key: a.apiKey }))).status).toBe(400);
    const reader = await json<{ apiKey: string }>(
      call('/v1/keys', { method: 'POST', key: a.apiKey, json: { name: 'r', scopes: ['read'] } }),
    );
    expect((await put(reader.body.apiKey, a.ids[0]!, { status: 'contacted' })).status).toBe(403);
    expect((await call('/v1/cases', { key: b.apiKey }).then((r) => r.json())) as object).toMatchObject({ cases: [] });
  });

  it('erasing a respondent erases their case', async () => {
    const { apiKey, ids } = await responses(1);
    await put(apiKey, ids[0]!, { status: 'contacted', note: 'spoke on the phone' });
    expect((await call('/v1/respondents/user-0', { method: 'DELETE', key: apiKey })).status).toBe(200);
    expect((await json(call(`/v1/cases/${ids[0]}`, { key: apiKey }))).status).toBe(404);
  });
});
