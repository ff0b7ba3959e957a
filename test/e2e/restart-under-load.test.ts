import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { freePort, migrateLocal } from '../../scripts/lib/run.mjs';
import { groupAlive, startWorkerProc, type WorkerProc, waitPortClosed } from './restart-helpers';

/**
 * Issue #5: "a Worker restart during load loses nothing that was answered 202".
 *
 * Its own `wrangler dev` (started the contract's way, --persist-to a fresh, migrated directory).
 * 16 clients post responses with unique ids (some in two parts, some sent twice, as the widget
 * does after a lost answer); after ~1.5 s the whole process group is killed with SIGKILL while
 * posts are in flight, and a new `wrangler dev` is started on the same port and directory. Clients
 * keep retrying a post (same id, same body) until it gets a 202, as the widget's outbox does.
 * Then, read back through the API only: every id that ever got a 202 is stored exactly once and
 * holds every answer that was acknowledged.
 */

const ADMIN = `e2e-restart-${crypto.randomUUID()}`;
const ORIGIN = 'https://restart-shop.example';
const VARS = { ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '0', DAILY_RESPONSE_CAP: '0' };

const CLIENTS = 16;
const MAX_IDS = 4000; // bound by count…
const KILL_AFTER_MS = 1500;
const LOAD_AFTER_RESTART_MS = 2000;
const LOAD_MAX_MS = 45_000; // …and by time: no new ids after this,
const RETRY_MAX_MS = 60_000; // no retries after this.
const POST_TIMEOUT_MS = 5000;

let dir: string | undefined;
let port: number;
let worker: WorkerProc | undefined;
const started: WorkerProc[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seda-e2e-restart-'));
  migrateLocal(dir);
  port = await freePort();
  worker = await startWorkerProc({ port, persistTo: dir, vars: VARS });
  started.push(worker);
}, 120_000);

afterAll(async () => {
  // Every worker this file started, whatever state the test left it in.
  for (const w of started) if (groupAlive(w.pid)) await w.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

async function api<T>(path: string, init: { key?: string; json?: unknown } = {}) {
  const res = await fetch(`${worker!.url}${path}`, {
    method: init.json !== undefined ? 'POST' : 'GET',
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body: body as T };
}

type Body = {
  id: string;
  siteKey: string;
  surveyId: string;
  answers: { questionId: string; value: number | string }[];
  completed: boolean;
};
type Plan = { id: string; nps: number; text: string | null; posts: Body[] };
type Exported = { responseId: string; createdAt: string; completed: boolean; answers: Record<string, unknown> };

describe('restart under load (#5)', () => {
  it('keeps every response that was answered 202 when the worker is SIGKILLed mid-flight and restarted', async () => {
    const site = await api<{ site: { key: string }; apiKey: string }>('/v1/sites', {
      key: ADMIN,
      json: { name: 'Restart shop', origins: [ORIGIN] },
    });
    expect(site.status).toBe(201);
    const key = site.body.apiKey;
    const survey = await api<{ survey: { id: string } }>('/v1/surveys', {
      key,
      json: {
        name: 'Restart',
        status: 'active',
        questions: [
          { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?' } },
          { id: 'why', type: 'text', prompt: { en: 'Why?' } },
        ],
      },
    });
    expect(survey.status).toBe(201);
    const surveyId = survey.body.survey.id;
    const siteKey = site.body.site.key;

    // Each id: a first part (nps); every 5th sends that part again after its 202 (lost answer);
    // every 3rd has a second part (text, completed) merged into the same id.
    const plan = (i: number): Plan => {
      const id = crypto.randomUUID();
      const nps = i % 11;
      const text = i % 3 === 0 ? `restart answer ${i}` : null;
      const first: Body = { id, siteKey, surveyId, answers: [{ questionId: 'nps', value: nps }], completed: !text };
      const posts = [first];
      if (i % 5 === 0) posts.push(first);
      if (text) posts.push({ id, siteKey, surveyId, answers: [{ questionId: 'why', value: text }], completed: true });
      return { id, nps, text, posts };
    };

    const plans: Plan[] = [];
    const accepted = new Map<string, Set<number>>(); // id → indexes of its posts that got a 202
    const acceptedBeforeKill = new Set<string>();
    const acceptedAfterRestart = new Set<string>();
    const retriedToAccepted = new Set<string>(); // ids with a post that failed at least once, then got a 202
    const firstRetried = new Set<string>(); // …where that post was the id's first one
    const unexpected: string[] = [];
    let posts = 0;
    let failures = 0;
    let inFlight = 0;
    let inFlightAtKill = 0;
    let killedAt = -1;
    let killedWall = 0;
    let restartedAt = -1;
    let phase: 'before' | 'down' | 'after' = 'before';
    let next = 0;
    let stopped = false; // set if the restart itself fails, so clients stop at once
    const t0 = Date.now();
    const since = () => Date.now() - t0;
    const loadOpen = () =>
      !stopped &&
      since() < LOAD_MAX_MS &&
      next < MAX_IDS &&
      (restartedAt < 0 || since() < restartedAt + LOAD_AFTER_RESTART_MS);

    /** One post, retried with the same body until a 202 or the retry deadline. */
    const send = async (p: Plan, index: number): Promise<boolean> => {
      let failed = false;
      while (!stopped && since() < RETRY_MAX_MS) {
        posts++;
        inFlight++;
        let status = 0;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/responses`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', origin: ORIGIN },
            body: JSON.stringify(p.posts[index]),
            signal: AbortSignal.timeout(POST_TIMEOUT_MS),
          });
          status = res.status;
          await res.text();
        } catch {
          status = 0; // connection refused/reset, timeout: the widget keeps the answer
        } finally {
          inFlight--;
        }
        if (status === 202) {
          const set = accepted.get(p.id) ?? new Set<number>();
          set.add(index);
          accepted.set(p.id, set);
          if (phase === 'before') acceptedBeforeKill.add(p.id);
          if (phase === 'after') acceptedAfterRestart.add(p.id);
          if (failed) retriedToAccepted.add(p.id);
          if (failed && index === 0) firstRetried.add(p.id);
          return true;
        }
        if (status !== 0 && status < 500) {
          unexpected.push(`${status} for ${p.id}#${index}`);
          return false;
        }
        failures++;
        failed = true;
        await sleep(50 + Math.random() * 200);
      }
      return false;
    };

    const client = async () => {
      while (loadOpen()) {
        const p = plan(next++);
        plans.push(p);
        for (let i = 0; i < p.posts.length; i++) if (!(await send(p, i))) break;
      }
    };

    const chaos = async () => {
      // Kill once some answers are acknowledged and posts are in flight (bounded wait).
      await sleep(KILL_AFTER_MS);
      while ((acceptedBeforeKill.size === 0 || inFlight === 0) && since() < 15_000) await sleep(10);
      inFlightAtKill = inFlight;
      killedAt = since();
      killedWall = Date.now();
      phase = 'down';
      const old = worker!;
      await old.kill('SIGKILL');
      expect(groupAlive(old.pid)).toBe(false);
      await waitPortClosed(port);
      worker = await startWorkerProc({ port, persistTo: dir!, vars: VARS });
      started.push(worker);
      restartedAt = since();
      phase = 'after';
    };

    await Promise.all([
      chaos().catch((err) => {
        stopped = true;
        throw err;
      }),
      ...Array.from({ length: CLIENTS }, client),
    ]);
    const loadMs = since();

    // Read back through the API only.
    const exp = await fetch(`${worker!.url}/v1/surveys/${surveyId}/responses?format=ndjson`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(exp.status).toBe(200);
    const rows = (await exp.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Exported);
    const storedIds = rows.map((r) => r.responseId);
    const stored = new Map(rows.map((r) => [r.responseId, r]));
    const planned = new Map(plans.map((p) => [p.id, p]));

    const missing = [...accepted.keys()].filter((id) => !stored.has(id));
    const wrong: string[] = [];
    for (const [id, parts] of accepted) {
      const p = planned.get(id)!;
      const r = stored.get(id);
      if (!r) continue;
      for (const i of parts) {
        for (const a of p.posts[i]!.answers) {
          if (r.answers[a.questionId] !== a.value) wrong.push(`${id}: ${a.questionId}=${r.answers[a.questionId]}`);
        }
        if (p.posts[i]!.completed && !r.completed) wrong.push(`${id}: not completed`);
      }
    }
    const fullyAccepted = plans.filter((p) => accepted.get(p.id)?.size === p.posts.length).length;
    const storedNotAcked = storedIds.filter((id) => !accepted.has(id)).length;
    // Ids whose first post was retried yet whose row was created before the kill: an attempt committed
    // but its 202 was lost with the process, and the retry merged into it (where a duplicate would come from).
    const mergedAfterLostAck = [...firstRetried].filter(
      (id) => Date.parse(stored.get(id)?.createdAt ?? '') < killedWall,
    ).length;

    console.log(
      `restart-under-load: posts=${posts} failed-attempts=${failures} ids=${plans.length} accepted=${accepted.size} ` +
        `(fully=${fullyAccepted}, before-kill=${acceptedBeforeKill.size}, after-restart=${acceptedAfterRestart.size}, ` +
        `retried-to-202=${retriedToAccepted.size}, of which stored before the kill=${mergedAfterLostAck}) killed-at=${killedAt}ms in-flight-at-kill=${inFlightAtKill} ` +
        `restarted-at=${restartedAt}ms load=${loadMs}ms stored=${rows.length} (stored-not-acked=${storedNotAcked}) ` +
        `missing=${missing.length} wrong=${wrong.length}`,
    );

    // The restart really happened mid-flight, and the store was used on both sides of it.
    expect(killedAt).toBeGreaterThan(0);
    expect(restartedAt).toBeGreaterThan(killedAt);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(acceptedBeforeKill.size).toBeGreaterThan(0);
    expect(acceptedAfterRestart.size).toBeGreaterThan(0);
    expect(retriedToAccepted.size).toBeGreaterThan(0);
    expect(unexpected).toEqual([]);
    // Every post eventually got its 202 (the restarted worker answers well within the bounds).
    expect(fullyAccepted).toBe(plans.length);

    // Nothing answered 202 was lost, nothing doubled, every acknowledged answer is there.
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    // Nothing stored that no client sent (an in-flight post may be stored without its 202 reaching us).
    expect(storedIds.filter((id) => !planned.has(id))).toEqual([]);

    // The rollups the dashboard reads agree with the rows, after the crash too.
    const completed = rows.filter((r) => r.completed).length;
    for (const source of ['rollup', 'scan']) {
      const res = await api<{ shown: number; responses: number; completed: number }>(
        `/v1/surveys/${surveyId}/results?source=${source}`,
        { key },
      );
      expect(res.status).toBe(200);
      expect({ source, shown: res.body.shown, responses: res.body.responses, completed: res.body.completed }).toEqual({
        source,
        shown: rows.length,
        responses: rows.length,
        completed,
      });
    }
  }, 110_000);
});
