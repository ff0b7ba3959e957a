-- Trust (#11): erasure reaches webhook deliveries, a response id is no write capability, identity
-- verification, and the work after a response is recorded with the write. Times are unix ms.

-- Which response a delivery's payload is about (NULL for pings and drop alerts, which name no
-- respondent), so erasing a respondent removes their deliveries (log and pending retries; the
-- attempts follow by cascade). Deliveries made before this column existed carry the response id at
-- the end of their dedup key ('completed:ID', 'alert:RULE:ID'; response ids are 36-character UUIDs).
ALTER TABLE deliveries ADD COLUMN response_id TEXT;
UPDATE deliveries SET response_id = substr(dedup_key, -36)
  WHERE dedup_key LIKE 'completed:%' OR dedup_key LIKE 'alert:%';
CREATE INDEX deliveries_response ON deliveries(response_id) WHERE response_id IS NOT NULL;

-- SHA-256 (hex) of the write secret the client that created the response sent with its first post.
-- A later post with the same id merges only with the same secret. NULL: created without a secret
-- (an outside API client); see docs/security.md for what may still merge into such a response.
ALTER TABLE responses ADD COLUMN secret_hash TEXT;

-- Identity verification: when set, respondent ids must come with hex(HMAC-SHA256(secret, id)); an
-- unverified id is stored as an anonymous answer. Shown once, when turned on.
ALTER TABLE sites ADD COLUMN identity_secret TEXT;

-- The work after a response (alert rules, webhooks) recorded in the same transaction as the post
-- that needs it, for sites with at least one webhook. Removed once done; the cron trigger retries
-- rows left behind (the Worker stopped, or D1 failed after the write). `post` is the post as the
-- write batch stored it (its answers, whether it completed the response).
CREATE TABLE pending_work (
  id           TEXT PRIMARY KEY,
  response_id  TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  site_id      TEXT NOT NULL,
  post         TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX pending_work_age ON pending_work(created_at);
CREATE INDEX pending_work_response ON pending_work(response_id);
