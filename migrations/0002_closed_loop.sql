-- Seda schema v2: closing the loop (webhooks, alert rules, deliveries, follow-up cases) and abuse
-- limits (per-site daily cap, optional Turnstile). Times are unix milliseconds, days UTC YYYY-MM-DD.

-- Per-site settings. NULL daily_cap = the Worker's DAILY_RESPONSE_CAP default; 0 = no cap.
-- The Turnstile secret is kept to call siteverify; it is never returned by the API.
ALTER TABLE sites ADD COLUMN daily_cap INTEGER;
ALTER TABLE sites ADD COLUMN turnstile_site_key TEXT;
ALTER TABLE sites ADD COLUMN turnstile_secret TEXT;

-- New responses per site per day come from response_rollups (started, per survey and day), which
-- the schema's triggers already keep exact; no second counter to maintain on every write.

-- `secret` signs every delivery (HMAC-SHA256), so it is stored as is; shown once at creation.
CREATE TABLE webhooks (
  id          TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  url         TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('json','slack')),
  events      TEXT NOT NULL,                  -- JSON array: response.completed, alert
  secret      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX webhooks_site ON webhooks(site_id);

-- kind 'answer': an answer to question_id inside [min, max] or with `sentiment` fires.
-- kind 'drop': the question's score (metric) over the last window_days (optionally one touchpoint)
-- falls below `threshold` with at least min_responses answers; fired_at arms/disarms it so a
-- drop alerts once until the score recovers.
CREATE TABLE alerts (
  id             TEXT PRIMARY KEY,
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  survey_id      TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  question_id    TEXT NOT NULL,
  kind           TEXT NOT NULL DEFAULT 'answer' CHECK (kind IN ('answer','drop')),
  min            REAL,
  max            REAL,
  sentiment      TEXT CHECK (sentiment IN ('positive','neutral','negative')),
  touchpoint     TEXT,
  metric         TEXT CHECK (metric IN ('nps','csat','mean')),
  threshold      REAL,
  window_days    INTEGER,
  min_responses  INTEGER,
  fired_at       INTEGER,
  webhook_id     TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  created_at     INTEGER NOT NULL
);
CREATE INDEX alerts_site ON alerts(site_id);
CREATE INDEX alerts_webhook ON alerts(webhook_id);
CREATE INDEX alerts_survey ON alerts(survey_id);

-- One row per event per webhook; `dedup_key` makes a retried or re-sent response alert once.
-- `payload` is the exact body that is signed and sent. status: pending (queued, not yet tried),
-- failed (last try failed, a retry is scheduled), delivered, dead (gave up after the last try).
CREATE TABLE deliveries (
  id                TEXT PRIMARY KEY,
  webhook_id        TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event             TEXT NOT NULL,
  dedup_key         TEXT NOT NULL,
  payload           TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed','dead')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  last_status_code  INTEGER,
  last_error        TEXT,
  created_at        INTEGER NOT NULL,
  enqueued_at       INTEGER,
  updated_at        INTEGER NOT NULL,
  delivered_at      INTEGER
);
CREATE UNIQUE INDEX deliveries_dedup ON deliveries(webhook_id, dedup_key);
CREATE INDEX deliveries_webhook ON deliveries(webhook_id, created_at);
CREATE INDEX deliveries_unsent ON deliveries(created_at) WHERE status = 'pending' AND enqueued_at IS NULL;

-- Follow-up of one response. first_contact_at is set once, when the case first leaves 'open'.
CREATE TABLE cases (
  response_id       TEXT PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
  site_id           TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','contacted','resolved')),
  owner             TEXT,
  note              TEXT,
  created_at        INTEGER NOT NULL,
  first_contact_at  INTEGER,
  resolved_at       INTEGER,
  updated_at        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX cases_site ON cases(site_id, status, created_at);
