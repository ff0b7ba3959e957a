/**
 * Re-tagging old answers when a site changes its topic list: a background job through the RETAG queue,
 * one page of answers per message, each message queueing the next page. A message for a list version
 * that is no longer current stops (the newer change queued its own job). Without the binding (a
 * deployment that did not create the queue) the pages run after the response, in waitUntil.
 */
import { compileTopics, tagTopics } from '../../shared/topics';
import type { Env } from '../env';
import { getTopicList, textPage, writeTopics } from './sql';

export type RetagMessage = {
  kind: 'retag';
  siteId: string;
  version: number;
  after?: { responseId: string; questionId: string };
};
export const RETAG_QUEUE = 'seda-retag';
/** Answers per message: one read and one write statement, well inside a Worker invocation's limits. */
const PAGE = 500;

export const isRetagMessage = (b: unknown): b is RetagMessage =>
  typeof b === 'object' && b !== null && (b as { kind?: unknown }).kind === 'retag';

/** Tags one page; returns the cursor of the next page, or null when done (or superseded). */
export async function retagPage(env: Env, msg: RetagMessage): Promise<RetagMessage | null> {
  const list = await getTopicList(env.DB, msg.siteId);
  if (list.version !== msg.version) return null;
  const compiled = compileTopics(list.topics);
  const rows = await textPage(env.DB, msg.siteId, msg.after ?? null, PAGE);
  await writeTopics(
    env.DB,
    rows.map((r) => ({ r: r.response_id, q: r.question_id, k: JSON.stringify(tagTopics(r.text, compiled)) })),
    msg.version,
  );
  const last = rows.at(-1);
  return rows.length === PAGE && last
    ? { ...msg, after: { responseId: last.response_id, questionId: last.question_id } }
    : null;
}

/** Starts the job for a new list version. */
export async function startRetag(env: Env, siteId: string, version: number, waitUntil: (p: Promise<unknown>) => void) {
  const first: RetagMessage = { kind: 'retag', siteId, version };
  if (env.RETAG) return env.RETAG.send(first);
  waitUntil(
    (async () => {
      for (let m: RetagMessage | null = first; m; ) m = await retagPage(env, m);
    })(),
  );
}

/** The queue consumer: each message tags its page and queues the next. */
export async function handleRetagBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    if (!isRetagMessage(msg.body)) {
      msg.ack();
      continue;
    }
    try {
      const next = await retagPage(env, msg.body);
      if (next) await env.RETAG?.send(next);
      msg.ack();
    } catch (err) {
      console.error('retag', msg.body.siteId, err);
      msg.retry();
    }
  }
}
