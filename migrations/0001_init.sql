-- Seda schema v1. Times are unix milliseconds; `day` is the UTC calendar day (YYYY-MM-DD) a
-- response was first received, the unit every rollup and date filter uses.

CREATE TABLE sites (
  id              TEXT PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,          -- public, goes in the embed snippet
  name            TEXT NOT NULL,
  origins         TEXT NOT NULL,                 -- JSON array of allowed origins
  locale          TEXT NOT NULL DEFAULT 'en',
  recontact_days  INTEGER NOT NULL DEFAULT 14,   -- site-wide gap between two surveys for one visitor
  created_at      INTEGER NOT NULL
);

-- Only a SHA-256 of each key is kept; `id` is the non-secret part of the key, used to find the row.
CREATE TABLE api_keys (
  id            TEXT PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  hash          TEXT NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  scopes        TEXT NOT NULL DEFAULT '["read","manage"]',
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER,
  revoked_at    INTEGER
);
CREATE INDEX api_keys_site ON api_keys(site_id);

CREATE TABLE touchpoints (
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  name        TEXT NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('awareness','consideration','purchase','onboarding','usage','support','loyalty')),
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, key)
) WITHOUT ROWID;

-- `definition` is the validated survey (questions, targeting, locales, theme) as JSON;
-- `version` goes up on every change so a response records which wording it answered.
CREATE TABLE surveys (
  id          TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft','active','paused')),
  definition  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX surveys_site ON surveys(site_id, status);

-- One row per response, keyed by the client's UUID so retries and partial posts merge.
-- Never an IP address; `path` has no query string; `referrer_host` is a host name only.
CREATE TABLE responses (
  id              TEXT PRIMARY KEY,
  site_id         TEXT NOT NULL,
  survey_id       TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  survey_version  INTEGER NOT NULL,
  touchpoint      TEXT NOT NULL DEFAULT '',     -- '' = none (keeps rollup keys unique)
  respondent_id   TEXT,                         -- the site's own pseudonymous id from identify()
  attributes      TEXT,                         -- JSON object of segment attributes
  locale          TEXT,
  path            TEXT,
  referrer_host   TEXT,
  completed       INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0,1)),
  answered        INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0,1)),  -- has at least one answer
  day             TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  completed_at    INTEGER
);
CREATE INDEX responses_survey_day ON responses(survey_id, day);
CREATE INDEX responses_respondent ON responses(site_id, respondent_id) WHERE respondent_id IS NOT NULL;

-- One row per answered question. survey_id/touchpoint/day are copied from the response so the
-- rollup triggers and filtered scans need no join.
CREATE TABLE answers (
  response_id  TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  question_id  TEXT NOT NULL,
  survey_id    TEXT NOT NULL,
  touchpoint   TEXT NOT NULL DEFAULT '',
  day          TEXT NOT NULL,
  num          REAL,                            -- scored answers (nps, csat, ces, rating)
  text         TEXT,                            -- open text
  choices      TEXT,                            -- JSON array of option ids
  sentiment    INTEGER CHECK (sentiment IN (-1,0,1)),  -- of `text`, scored at write time
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX answers_survey_question_day ON answers(survey_id, question_id, day);
CREATE INDEX answers_text ON answers(survey_id, created_at) WHERE text IS NOT NULL;

-- Rollup keys start with (survey_id, day) so a date range is one index range scan: a query reads
-- rows in proportion to the days asked for, never to the responses stored.
-- Pre-aggregated scores per survey/question/touchpoint/day. Counts per value (v0..v10) are the
-- sufficient statistics for NPS, CSAT and CES and their exact intervals (n, sum, sum of squares
-- follow from them). Maintained only by the triggers below, so every write path (insert, merge,
-- retry, erasure, cascade) keeps them equal to a full recomputation.
CREATE TABLE answer_rollups (
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  n   INTEGER NOT NULL DEFAULT 0,
  v0  INTEGER NOT NULL DEFAULT 0, v1 INTEGER NOT NULL DEFAULT 0, v2 INTEGER NOT NULL DEFAULT 0,
  v3  INTEGER NOT NULL DEFAULT 0, v4 INTEGER NOT NULL DEFAULT 0, v5 INTEGER NOT NULL DEFAULT 0,
  v6  INTEGER NOT NULL DEFAULT 0, v7 INTEGER NOT NULL DEFAULT 0, v8 INTEGER NOT NULL DEFAULT 0,
  v9  INTEGER NOT NULL DEFAULT 0, v10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, day, question_id, touchpoint)
) WITHOUT ROWID;

-- Per survey/touchpoint/day: surveys shown (the widget posts an empty response when it shows one),
-- responses with at least one answer, and completed responses. With question_rollups this gives
-- the drop-off funnel shown -> each question answered -> completed.
CREATE TABLE response_rollups (
  survey_id   TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  started     INTEGER NOT NULL DEFAULT 0,
  answered    INTEGER NOT NULL DEFAULT 0,
  completed   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, day, touchpoint)
) WITHOUT ROWID;

-- Answers per question/day of the unscored types (text, choice) with their sentiment; scored answers
-- are counted by answer_rollups.n, so each answer updates exactly one of the two.
CREATE TABLE question_rollups (
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  answered    INTEGER NOT NULL DEFAULT 0,
  positive    INTEGER NOT NULL DEFAULT 0,
  neutral     INTEGER NOT NULL DEFAULT 0,
  negative    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, day, question_id, touchpoint)
) WITHOUT ROWID;

-- Choice answers per option.
CREATE TABLE choice_rollups (
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  option_id   TEXT NOT NULL,
  n           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, day, question_id, touchpoint, option_id)
) WITHOUT ROWID;

-- ---- triggers: responses -> response_rollups ----
-- `answered` is carried on the response row (set by the writer that adds its first answer), so
-- answer inserts need not touch response_rollups.
CREATE TRIGGER responses_ai AFTER INSERT ON responses BEGIN
  INSERT INTO response_rollups (survey_id, touchpoint, day, started, answered, completed)
  VALUES (NEW.survey_id, NEW.touchpoint, NEW.day, 1, NEW.answered, NEW.completed)
  ON CONFLICT (survey_id, day, touchpoint) DO UPDATE SET
    started = started + 1, answered = answered + excluded.answered, completed = completed + excluded.completed;
END;

CREATE TRIGGER responses_au AFTER UPDATE OF completed, answered ON responses
WHEN NEW.completed <> OLD.completed OR NEW.answered <> OLD.answered BEGIN
  UPDATE response_rollups SET completed = completed + NEW.completed - OLD.completed,
    answered = answered + NEW.answered - OLD.answered
  WHERE survey_id = NEW.survey_id AND touchpoint = NEW.touchpoint AND day = NEW.day;
END;

CREATE TRIGGER responses_ad AFTER DELETE ON responses BEGIN
  UPDATE response_rollups SET started = started - 1, answered = answered - OLD.answered,
    completed = completed - OLD.completed
  WHERE survey_id = OLD.survey_id AND touchpoint = OLD.touchpoint AND day = OLD.day;
END;

-- ---- triggers: answers -> answer/question/choice rollups ----
-- Split by kind with WHEN, so an insert runs only the statements that apply to it (the
-- collector's throughput is mostly trigger work).
CREATE TRIGGER answers_ai_other AFTER INSERT ON answers WHEN NEW.num IS NULL BEGIN
  INSERT INTO question_rollups (survey_id, question_id, touchpoint, day, answered, positive, neutral, negative)
  VALUES (NEW.survey_id, NEW.question_id, NEW.touchpoint, NEW.day, 1,
          NEW.sentiment IS 1, NEW.sentiment IS 0, NEW.sentiment IS -1)
  ON CONFLICT (survey_id, day, question_id, touchpoint) DO UPDATE SET
    answered = answered + 1, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative;
END;

CREATE TRIGGER answers_ai_score AFTER INSERT ON answers WHEN NEW.num IS NOT NULL BEGIN
  INSERT INTO answer_rollups (survey_id, question_id, touchpoint, day, n,
    v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10)
  VALUES (NEW.survey_id, NEW.question_id, NEW.touchpoint, NEW.day, 1,
    NEW.num = 0, NEW.num = 1, NEW.num = 2, NEW.num = 3, NEW.num = 4, NEW.num = 5,
    NEW.num = 6, NEW.num = 7, NEW.num = 8, NEW.num = 9, NEW.num = 10)
  ON CONFLICT (survey_id, day, question_id, touchpoint) DO UPDATE SET
    n = n + 1, v0 = v0 + excluded.v0, v1 = v1 + excluded.v1, v2 = v2 + excluded.v2,
    v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5, v6 = v6 + excluded.v6,
    v7 = v7 + excluded.v7, v8 = v8 + excluded.v8, v9 = v9 + excluded.v9, v10 = v10 + excluded.v10;
END;

CREATE TRIGGER answers_ai_choices AFTER INSERT ON answers WHEN NEW.choices IS NOT NULL BEGIN
  INSERT INTO choice_rollups (survey_id, question_id, touchpoint, day, option_id, n)
  SELECT NEW.survey_id, NEW.question_id, NEW.touchpoint, NEW.day, j.value, 1
  FROM json_each(NEW.choices) AS j WHERE true
  ON CONFLICT (survey_id, day, question_id, touchpoint, option_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
  UPDATE question_rollups SET answered = answered - 1,
    positive = positive - (OLD.sentiment IS 1), neutral = neutral - (OLD.sentiment IS 0),
    negative = negative - (OLD.sentiment IS -1)
  WHERE OLD.num IS NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day;

  UPDATE answer_rollups SET n = n - 1,
    v0 = v0 - (OLD.num = 0), v1 = v1 - (OLD.num = 1), v2 = v2 - (OLD.num = 2), v3 = v3 - (OLD.num = 3),
    v4 = v4 - (OLD.num = 4), v5 = v5 - (OLD.num = 5), v6 = v6 - (OLD.num = 6), v7 = v7 - (OLD.num = 7),
    v8 = v8 - (OLD.num = 8), v9 = v9 - (OLD.num = 9), v10 = v10 - (OLD.num = 10)
  WHERE OLD.num IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day;

  UPDATE choice_rollups SET n = n - 1
  WHERE OLD.choices IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND option_id IN (SELECT value FROM json_each(OLD.choices));
END;

-- A merge that changes an answer is a delete of the old value and an insert of the new one.
-- Written as UPDATE triggers (not REPLACE) so foreign keys and the delete trigger stay simple.
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
  UPDATE question_rollups SET answered = answered - 1,
    positive = positive - (OLD.sentiment IS 1), neutral = neutral - (OLD.sentiment IS 0),
    negative = negative - (OLD.sentiment IS -1)
  WHERE OLD.num IS NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day;

  INSERT INTO question_rollups (survey_id, question_id, touchpoint, day, answered, positive, neutral, negative)
  SELECT NEW.survey_id, NEW.question_id, NEW.touchpoint, NEW.day, 1,
         NEW.sentiment IS 1, NEW.sentiment IS 0, NEW.sentiment IS -1
  WHERE NEW.num IS NULL
  ON CONFLICT (survey_id, day, question_id, touchpoint) DO UPDATE SET
    answered = answered + 1, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative;

  UPDATE answer_rollups SET n = n - 1,
    v0 = v0 - (OLD.num = 0), v1 = v1 - (OLD.num = 1), v2 = v2 - (OLD.num = 2), v3 = v3 - (OLD.num = 3),
    v4 = v4 - (OLD.num = 4), v5 = v5 - (OLD.num = 5), v6 = v6 - (OLD.num = 6), v7 = v7 - (OLD.num = 7),
    v8 = v8 - (OLD.num = 8), v9 = v9 - (OLD.num = 9), v10 = v10 - (OLD.num = 10)
  WHERE OLD.num IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day;

  INSERT INTO answer_rollups (survey_id, question_id, touchpoint, day, n,
    v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10)
  SELECT NEW.survey_id, NEW.question_id, NEW.touchpoint, NEW.day, 1,
    NEW.num = 0, NEW.num = 1, NEW.num = 2, NEW.num = 3, NEW.num = 4, NEW.num = 5,
    NEW.num = 6, NEW.num = 7, NEW.num = 8, NEW.num = 9, NEW.num = 10
  WHERE NEW.num IS NOT NULL
  ON CONFLICT (survey_id, day, question_id, touchpoint) DO UPDATE SET
    n = n + 1, v0 = v0 + excluded.v0, v1 = v1 + excluded.v1, v2 = v2 + excluded.v2,
    v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5, v6 = v6 + excluded.v6,
    v7 = v7 + excluded.v7, v8 = v8 + excluded.v8, v9 = v9 + excluded.v9, v10 = v10 + excluded.v10;

  UPDATE choice_rollups SET n = n - 1
  WHERE OLD.choices IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND option_id IN (SELECT value FROM json_each(OLD.choices));

  INSERT INTO choice_rollups (survey_id, question_id, touchpoint, day, option_id, n)
  SELECT NEW.survey_id, NEW.question_id, NEW.touchpoint, NEW.day, j.value, 1
  FROM json_each(NEW.choices) AS j WHERE NEW.choices IS NOT NULL
  ON CONFLICT (survey_id, day, question_id, touchpoint, option_id) DO UPDATE SET n = n + 1;
END;
