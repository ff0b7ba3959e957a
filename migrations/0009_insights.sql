-- Why, and what it costs: topics of open-text answers, outcomes per respondent (issue #16).

-- A site's topic list (JSON array of {key, label, terms}); absent = the defaults in shared/topics.ts.
-- `version` grows with every change: answers tagged under an older version are re-tagged by the queue.
CREATE TABLE topic_lists (
  site_id    TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  topics     TEXT NOT NULL,
  version    INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Topic keys of an open-text answer (JSON array), tagged at write time, and the list version used.
ALTER TABLE answers ADD COLUMN topics TEXT;
ALTER TABLE answers ADD COLUMN topics_version INTEGER;

-- What happened to a respondent after answering: churned, retained, a purchase, a refund.
CREATE TABLE outcomes (
  id            INTEGER PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  respondent_id TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('churned', 'retained', 'purchase', 'refund')),
  value         REAL,
  at            INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX outcomes_site_kind ON outcomes(site_id, kind, at);
CREATE INDEX outcomes_respondent ON outcomes(site_id, respondent_id);
