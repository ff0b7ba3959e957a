-- A digest for leadership and read-only share links of the overview (#16).

-- The site's digest schedule: off (NULL weekday) or weekly on a weekday (0 = Monday … 6 = Sunday, as
-- WEEKDAYS in shared/schemas/api.ts) at an hour (0–23) in an IANA time zone.
ALTER TABLE sites ADD COLUMN digest_weekday INTEGER;
ALTER TABLE sites ADD COLUMN digest_hour INTEGER;
ALTER TABLE sites ADD COLUMN digest_time_zone TEXT;

-- One row per site and digest period, written in the same transaction as that digest's deliveries:
-- a cron run that finds it skips the site, so repeated or overlapping runs send each period once
-- (the deliveries' own (webhook_id, dedup_key) key guards the race between two runs).
CREATE TABLE digest_runs (
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  period_from TEXT NOT NULL,             -- the digest week's first day, YYYY-MM-DD
  sent_at     INTEGER NOT NULL,
  deliveries  INTEGER NOT NULL,
  PRIMARY KEY (site_id, period_from)
) WITHOUT ROWID;

-- Read-only links to the overview. Only the SHA-256 of the token is kept (the link is shown once);
-- a revoked link stays as a row so its page can say "revoked" (410) rather than "unknown" (404).
CREATE TABLE share_links (
  id          TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL UNIQUE,
  label       TEXT,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  revoked_at  INTEGER,
  last_used_at INTEGER
);
CREATE INDEX share_links_site ON share_links(site_id, created_at);
