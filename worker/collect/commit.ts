import { isTransientDbError } from '../http/db-faults';
import { GroupCommit } from './group-commit';
import { type ResponseWrite, type WriteOutcome, writeResponses, writeSize } from './sql';

/** A post's outcome, and the batch it was committed in (for the Server-Timing header). */
export type Committed = { outcome: WriteOutcome; work: boolean; batch: number; ms: number };

async function writeBatch(db: D1Database, items: ResponseWrite[]): Promise<Committed[]> {
  const started = Date.now();
  const outcomes = await writeResponses(db, items);
  const ms = Date.now() - started;
  return outcomes.map((r) => ({ ...r, batch: items.length, ms }));
}

/** One group commit per database binding (an isolate sees one `env.DB`; tests pass their own). */
const committers = new WeakMap<D1Database, GroupCommit<ResponseWrite, Committed>>();

/**
 * Stores one post, batched with whatever other posts this isolate is writing to the same database
 * at the moment (see group-commit.ts). Resolves once the post is committed in D1.
 */
export function commitResponse(
  db: D1Database,
  write: ResponseWrite,
  keepAlive?: (p: Promise<unknown>) => void,
): Promise<Committed> {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommit((items) => writeBatch(db, items), {
      // Bodies are capped at 16 KiB, so 64 posts stay under D1's 2 MB limit on one bound value;
      // maxBytes keeps a batch's JSON, and so one transaction's work, near 256 KB.
      maxItems: 64,
      maxBytes: 256 * 1024,
      size: writeSize,
      key: (w) => w.id,
      isPermanent: (err) => !isTransientDbError(err),
      // Below the route's 8 s deadline, so a stuck queue answers 503 before the visitor gives up.
      maxWaitMs: 5_000,
      stallMs: 10_000,
    });
    committers.set(db, committer);
  }
  return committer.submit(write, keepAlive);
}
