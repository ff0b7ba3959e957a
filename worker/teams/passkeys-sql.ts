/** Passkeys and their WebAuthn challenges (migrations 0008, 0017). */

export type PasskeyRow = {
  id: string;
  member_id: string;
  public_key: string;
  counter: number;
  transports: string | null;
  name: string | null;
  created_at: number;
  last_used_at: number | null;
};

export async function memberPasskeys(db: D1Database, memberId: string): Promise<PasskeyRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM passkeys WHERE member_id = ? ORDER BY created_at, id')
    .bind(memberId)
    .all<PasskeyRow>();
  return results;
}

export const passkeyById = (db: D1Database, id: string) =>
  db.prepare('SELECT * FROM passkeys WHERE id = ?').bind(id).first<PasskeyRow>();

/** Adds a passkey; false when that credential is registered already (to anyone). */
export async function insertPasskey(db: D1Database, p: Omit<PasskeyRow, 'last_used_at'>): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO passkeys (id, member_id, public_key, counter, transports, name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(p.id, p.member_id, p.public_key, p.counter, p.transports, p.name, p.created_at)
    .run();
  return r.meta.changes > 0;
}

export const usePasskeyStmt = (db: D1Database, id: string, counter: number, now: number) =>
  db.prepare('UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ?').bind(counter, now, id);

export async function deletePasskeyRow(db: D1Database, memberId: string, id: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM passkeys WHERE id = ? AND member_id = ?').bind(id, memberId).run();
  return r.meta.changes > 0;
}

/**
 * Keeps a challenge for one ceremony. Its id is the challenge itself (what the authenticator signs
 * and the answer carries back); member_id is the member adding a passkey, NULL for a sign-in, so a
 * challenge made for one ceremony never serves the other. Expired ones are swept at the same time.
 */
export const saveChallenge = (db: D1Database, challenge: string, memberId: string | null, now: number, ttlMs: number) =>
  db.batch([
    db.prepare('DELETE FROM webauthn_challenges WHERE expires_at <= ?').bind(now),
    db
      .prepare('INSERT INTO webauthn_challenges (id, member_id, challenge, expires_at) VALUES (?, ?, ?, ?)')
      .bind(challenge, memberId, challenge, now + ttlMs),
  ]);

/** Uses a challenge up: true once for a live challenge of that ceremony, false ever after. */
export async function consumeChallenge(
  db: D1Database,
  challenge: string,
  memberId: string | null,
  now: number,
): Promise<boolean> {
  const row = await db
    .prepare(`DELETE FROM webauthn_challenges WHERE id = ? AND expires_at > ? AND member_id IS ? RETURNING id`)
    .bind(challenge, now, memberId)
    .first<{ id: string }>();
  return row !== null;
}
