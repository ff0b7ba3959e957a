/** Idempotency keys (migrations/0004): one row per owner and key hash, kept 24 hours. */

export type IdempotencyRow = {
  operation: string;
  request_hash: string;
  status: number | null;
  body: string | null;
  created_at: number;
};

/**
 * Claims a key for a request: true when this request is the first, or the key's earlier use
 * expired (before `expiredBefore`), or was claimed before `abandonedBefore` and never answered (its
 * Worker stopped mid-request). One statement, so of two concurrent requests only one claims it.
 */
export async function claimKey(
  db: D1Database,
  k: { owner: string; keyHash: string; operation: string; requestHash: string },
  now: number,
  expiredBefore: number,
  abandonedBefore: number,
): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO idempotency_keys (owner, key_hash, operation, request_hash, status, body, created_at)
       VALUES (?, ?, ?, ?, NULL, NULL, ?)
       ON CONFLICT (owner, key_hash) DO UPDATE SET operation = excluded.operation,
         request_hash = excluded.request_hash, status = NULL, body = NULL, created_at = excluded.created_at
       WHERE idempotency_keys.created_at < ?
         OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < ?)
       RETURNING owner`,
    )
    .bind(k.owner, k.keyHash, k.operation, k.requestHash, now, expiredBefore, abandonedBefore)
    .first();
  return row !== null;
}

export async function getKey(db: D1Database, owner: string, keyHash: string): Promise<IdempotencyRow | null> {
  return db
    .prepare(
      'SELECT operation, request_hash, status, body, created_at FROM idempotency_keys WHERE owner = ? AND key_hash = ?',
    )
    .bind(owner, keyHash)
    .first<IdempotencyRow>();
}

/** Records the answer of the request that claimed the key. */
export async function completeKey(db: D1Database, owner: string, keyHash: string, status: number, body: string) {
  await db
    .prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE owner = ? AND key_hash = ?')
    .bind(status, body, owner, keyHash)
    .run();
}

/** The claimed request failed: the key is free again (a retry, even with a corrected body, may use it). */
export async function releaseKey(db: D1Database, owner: string, keyHash: string) {
  await db
    .prepare('DELETE FROM idempotency_keys WHERE owner = ? AND key_hash = ? AND status IS NULL')
    .bind(owner, keyHash)
    .run();
}

/** Removes keys older than `before` (the cron sweep). */
export async function purgeKeys(db: D1Database, before: number): Promise<number> {
  const res = await db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').bind(before).run();
  return res.meta.changes ?? 0;
}
