-- Seda schema v4: Standard Webhooks (secret rotation with a grace period, every delivery attempt
-- kept) and Idempotency-Key on creating POSTs. Times are unix milliseconds.

-- After POST /v1/webhooks/:id/rotate-secret the old secret still signs deliveries (a second
-- signature beside the new one) until previous_secret_until, so receivers can switch without loss.
ALTER TABLE webhooks ADD COLUMN previous_secret TEXT;
ALTER TABLE webhooks ADD COLUMN previous_secret_until INTEGER;

-- One row per HTTP attempt of a delivery: when, how it ended (status code or error) and how long
-- it took. Removed with the delivery (trimmed after 30 days, erased, or its webhook deleted).
CREATE TABLE delivery_attempts (
  delivery_id  TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  n            INTEGER NOT NULL,               -- 1, 2, … in the order they were made
  at           INTEGER NOT NULL,
  status_code  INTEGER,
  error        TEXT,
  duration_ms  INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, n)
) WITHOUT ROWID;

-- Idempotency-Key of a creating POST, per owner (a site id, or 'operator' for POST /v1/sites):
-- the first request's operation and body hash, and its answer once it is known (status NULL while
-- the first request is still running; a claim unanswered after a minute is free again). Only a
-- hash of the key is kept, and the answer (which may hold a secret shown once) is encrypted with a
-- key derived from the Idempotency-Key itself, so only a client that has the key can read it
-- again. Kept 24 hours.
CREATE TABLE idempotency_keys (
  owner         TEXT NOT NULL,
  key_hash      TEXT NOT NULL,
  operation     TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER,
  body          TEXT,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (owner, key_hash)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at);
