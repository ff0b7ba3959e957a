-- Honest numbers at any scale (#14): filters on locale, channel and declared segment attributes
-- read rollups (rows read grow with days, not responses), at-risk reads identified responses only,
-- exports seek by (survey, created_at, id).

-- Attributes a site declares as segments (at most 5, checked by the API). `ready` = 0 while the
-- responses stored before the declaration are being added to the rollups (in batches, from
-- `cursor`, a response id); until then queries on that attribute take the scan path.
CREATE TABLE segment_dims (
  site_id  TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  ready    INTEGER NOT NULL DEFAULT 0,
  cursor   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site_id, name)
) WITHOUT ROWID;

-- The values of a declared attribute that get rollups: the first 50 seen per attribute. Later
-- values are not rolled up (a filter on one takes the scan path), which bounds the rollups' size
-- whatever a site sends as attributes.
CREATE TABLE segment_values (
  site_id  TEXT NOT NULL,
  dim      TEXT NOT NULL,   -- 'a:' || attribute name
  value    TEXT NOT NULL,
  PRIMARY KEY (site_id, dim, value)
) WITHOUT ROWID;

-- What each response was counted under in the dimensional rollups: 'locale', 'channel' and
-- 'a:<attribute>' for declared attributes with a rolled-up value. `answered`/`completed` are the
-- response's values as last counted, so taking a response out subtracts exactly what was added
-- (whatever order SQLite fires the update triggers of one statement in).
CREATE TABLE response_dims (
  response_id  TEXT NOT NULL,
  dim          TEXT NOT NULL,
  value        TEXT NOT NULL,
  survey_id    TEXT NOT NULL,
  touchpoint   TEXT NOT NULL,
  day          TEXT NOT NULL,
  answered     INTEGER NOT NULL,
  completed    INTEGER NOT NULL,
  PRIMARY KEY (response_id, dim)
) WITHOUT ROWID;

-- The four rollups again with (dim, value) in the key, after survey_id, so one filter value over a
-- date range is one index range: (survey_id, dim, value, day, ...).
CREATE TABLE dim_answer_rollups (
  survey_id   TEXT NOT NULL,
  dim         TEXT NOT NULL,
  value       TEXT NOT NULL,
  question_id TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  n   INTEGER NOT NULL DEFAULT 0,
  v0  INTEGER NOT NULL DEFAULT 0, v1 INTEGER NOT NULL DEFAULT 0, v2 INTEGER NOT NULL DEFAULT 0,
  v3  INTEGER NOT NULL DEFAULT 0, v4 INTEGER NOT NULL DEFAULT 0, v5 INTEGER NOT NULL DEFAULT 0,
  v6  INTEGER NOT NULL DEFAULT 0, v7 INTEGER NOT NULL DEFAULT 0, v8 INTEGER NOT NULL DEFAULT 0,
  v9  INTEGER NOT NULL DEFAULT 0, v10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, dim, value, day, question_id, touchpoint)
) WITHOUT ROWID;

CREATE TABLE dim_response_rollups (
  survey_id   TEXT NOT NULL,
  dim         TEXT NOT NULL,
  value       TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  started     INTEGER NOT NULL DEFAULT 0,
  answered    INTEGER NOT NULL DEFAULT 0,
  completed   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, dim, value, day, touchpoint)
) WITHOUT ROWID;

CREATE TABLE dim_question_rollups (
  survey_id   TEXT NOT NULL,
  dim         TEXT NOT NULL,
  value       TEXT NOT NULL,
  question_id TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  answered    INTEGER NOT NULL DEFAULT 0,
  positive    INTEGER NOT NULL DEFAULT 0,
  neutral     INTEGER NOT NULL DEFAULT 0,
  negative    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, dim, value, day, question_id, touchpoint)
) WITHOUT ROWID;

CREATE TABLE dim_choice_rollups (
  survey_id   TEXT NOT NULL,
  dim         TEXT NOT NULL,
  value       TEXT NOT NULL,
  question_id TEXT NOT NULL,
  touchpoint  TEXT NOT NULL,
  day         TEXT NOT NULL,
  option_id   TEXT NOT NULL,
  n           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, dim, value, day, question_id, touchpoint, option_id)
) WITHOUT ROWID;

-- ---- response_dims -> dimensional rollups: a row adds (or takes out) its response and every answer
-- the response has at that moment. ----
CREATE TRIGGER response_dims_ai AFTER INSERT ON response_dims BEGIN
  INSERT INTO dim_response_rollups (survey_id, dim, value, touchpoint, day, started, answered, completed)
  VALUES (NEW.survey_id, NEW.dim, NEW.value, NEW.touchpoint, NEW.day, 1, NEW.answered, NEW.completed)
  ON CONFLICT (survey_id, dim, value, day, touchpoint) DO UPDATE SET
    started = started + 1, answered = answered + excluded.answered, completed = completed + excluded.completed;

  INSERT INTO dim_question_rollups (survey_id, dim, value, question_id, touchpoint, day, answered, positive, neutral, negative)
  SELECT NEW.survey_id, NEW.dim, NEW.value, a.question_id, NEW.touchpoint, NEW.day, 1,
    a.sentiment IS 1, a.sentiment IS 0, a.sentiment IS -1
  FROM answers a WHERE a.response_id = NEW.response_id AND a.num IS NULL
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint) DO UPDATE SET
    answered = answered + 1, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative;

  INSERT INTO dim_answer_rollups (survey_id, dim, value, question_id, touchpoint, day, n,
    v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10)
  SELECT NEW.survey_id, NEW.dim, NEW.value, a.question_id, NEW.touchpoint, NEW.day, 1,
    a.num = 0, a.num = 1, a.num = 2, a.num = 3, a.num = 4, a.num = 5,
    a.num = 6, a.num = 7, a.num = 8, a.num = 9, a.num = 10
  FROM answers a WHERE a.response_id = NEW.response_id AND a.num IS NOT NULL
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint) DO UPDATE SET
    n = n + 1, v0 = v0 + excluded.v0, v1 = v1 + excluded.v1, v2 = v2 + excluded.v2,
    v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5, v6 = v6 + excluded.v6,
    v7 = v7 + excluded.v7, v8 = v8 + excluded.v8, v9 = v9 + excluded.v9, v10 = v10 + excluded.v10;

  INSERT INTO dim_choice_rollups (survey_id, dim, value, question_id, touchpoint, day, option_id, n)
  SELECT NEW.survey_id, NEW.dim, NEW.value, a.question_id, NEW.touchpoint, NEW.day, j.value, 1
  FROM answers a, json_each(a.choices) AS j WHERE a.response_id = NEW.response_id AND a.choices IS NOT NULL
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint, option_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER response_dims_ad AFTER DELETE ON response_dims BEGIN
  UPDATE dim_response_rollups SET started = started - 1, answered = answered - OLD.answered,
    completed = completed - OLD.completed
  WHERE survey_id = OLD.survey_id AND dim = OLD.dim AND value = OLD.value AND day = OLD.day
    AND touchpoint = OLD.touchpoint;

  UPDATE dim_question_rollups SET answered = answered - 1,
    positive = positive - (SELECT a.sentiment IS 1 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_question_rollups.question_id),
    neutral = neutral - (SELECT a.sentiment IS 0 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_question_rollups.question_id),
    negative = negative - (SELECT a.sentiment IS -1 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_question_rollups.question_id)
  WHERE survey_id = OLD.survey_id AND dim = OLD.dim AND value = OLD.value AND day = OLD.day
    AND touchpoint = OLD.touchpoint
    AND question_id IN (SELECT question_id FROM answers WHERE response_id = OLD.response_id AND num IS NULL);

  UPDATE dim_answer_rollups SET n = n - 1,
    v0 = v0 - (SELECT a.num = 0 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v1 = v1 - (SELECT a.num = 1 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v2 = v2 - (SELECT a.num = 2 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v3 = v3 - (SELECT a.num = 3 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v4 = v4 - (SELECT a.num = 4 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v5 = v5 - (SELECT a.num = 5 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v6 = v6 - (SELECT a.num = 6 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v7 = v7 - (SELECT a.num = 7 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v8 = v8 - (SELECT a.num = 8 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v9 = v9 - (SELECT a.num = 9 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id),
    v10 = v10 - (SELECT a.num = 10 FROM answers a WHERE a.response_id = OLD.response_id AND a.question_id = dim_answer_rollups.question_id)
  WHERE survey_id = OLD.survey_id AND dim = OLD.dim AND value = OLD.value AND day = OLD.day
    AND touchpoint = OLD.touchpoint
    AND question_id IN (SELECT question_id FROM answers WHERE response_id = OLD.response_id AND num IS NOT NULL);

  UPDATE dim_choice_rollups SET n = n - 1
  WHERE survey_id = OLD.survey_id AND dim = OLD.dim AND value = OLD.value AND day = OLD.day
    AND touchpoint = OLD.touchpoint
    AND (question_id, option_id) IN (SELECT a.question_id, j.value FROM answers a, json_each(a.choices) AS j
                                     WHERE a.response_id = OLD.response_id AND a.choices IS NOT NULL);
END;

-- ---- responses -> response_dims ----
-- A declared attribute's value gets rollups if it is among the first 50 seen for that attribute.
-- (NOT EXISTS rather than OR IGNORE: inside a trigger, the outer upsert's conflict policy would win.)
CREATE TRIGGER responses_ai_dims AFTER INSERT ON responses BEGIN
  INSERT INTO segment_values (site_id, dim, value)
  SELECT NEW.site_id, x.dim, x.value FROM (
    SELECT 'a:' || d.name AS dim, CAST(json_extract(NEW.attributes, '$."' || d.name || '"') AS TEXT) AS value
    FROM segment_dims d WHERE d.site_id = NEW.site_id AND NEW.attributes IS NOT NULL
  ) AS x
  WHERE x.value IS NOT NULL AND (SELECT COUNT(*) FROM segment_values v WHERE v.site_id = NEW.site_id AND v.dim = x.dim) < 50
    AND NOT EXISTS (SELECT 1 FROM segment_values v WHERE v.site_id = NEW.site_id AND v.dim = x.dim AND v.value = x.value);

  INSERT INTO response_dims (response_id, dim, value, survey_id, touchpoint, day, answered, completed)
  SELECT NEW.id, 'locale', NEW.locale, NEW.survey_id, NEW.touchpoint, NEW.day, NEW.answered, NEW.completed
  WHERE NEW.locale IS NOT NULL
  UNION ALL
  SELECT NEW.id, 'channel', NEW.channel, NEW.survey_id, NEW.touchpoint, NEW.day, NEW.answered, NEW.completed
  UNION ALL
  SELECT NEW.id, v.dim, v.value, NEW.survey_id, NEW.touchpoint, NEW.day, NEW.answered, NEW.completed
  FROM segment_dims d JOIN segment_values v ON v.site_id = d.site_id AND v.dim = 'a:' || d.name
    AND v.value = CAST(json_extract(NEW.attributes, '$."' || d.name || '"') AS TEXT)
  WHERE d.site_id = NEW.site_id AND NEW.attributes IS NOT NULL;
END;

-- completed/answered moved: move every dim's response rollup by what changed since it was counted.
CREATE TRIGGER responses_au_dims_counts AFTER UPDATE OF completed, answered ON responses
WHEN NEW.completed <> OLD.completed OR NEW.answered <> OLD.answered BEGIN
  UPDATE dim_response_rollups SET
    answered = answered + NEW.answered - (SELECT d.answered FROM response_dims d WHERE d.response_id = NEW.id AND d.dim = dim_response_rollups.dim),
    completed = completed + NEW.completed - (SELECT d.completed FROM response_dims d WHERE d.response_id = NEW.id AND d.dim = dim_response_rollups.dim)
  WHERE survey_id = NEW.survey_id AND day = NEW.day AND touchpoint = NEW.touchpoint
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = NEW.id);
  UPDATE response_dims SET answered = NEW.answered, completed = NEW.completed WHERE response_id = NEW.id;
END;

-- A merge that brings attributes (or a first locale) recounts the response under its new dims.
CREATE TRIGGER responses_au_dims_keys AFTER UPDATE OF attributes, locale ON responses
WHEN OLD.attributes IS NOT NEW.attributes OR OLD.locale IS NOT NEW.locale BEGIN
  DELETE FROM response_dims WHERE response_id = NEW.id;

  INSERT INTO segment_values (site_id, dim, value)
  SELECT NEW.site_id, x.dim, x.value FROM (
    SELECT 'a:' || d.name AS dim, CAST(json_extract(NEW.attributes, '$."' || d.name || '"') AS TEXT) AS value
    FROM segment_dims d WHERE d.site_id = NEW.site_id AND NEW.attributes IS NOT NULL
  ) AS x
  WHERE x.value IS NOT NULL AND (SELECT COUNT(*) FROM segment_values v WHERE v.site_id = NEW.site_id AND v.dim = x.dim) < 50
    AND NOT EXISTS (SELECT 1 FROM segment_values v WHERE v.site_id = NEW.site_id AND v.dim = x.dim AND v.value = x.value);

  INSERT INTO response_dims (response_id, dim, value, survey_id, touchpoint, day, answered, completed)
  SELECT NEW.id, 'locale', NEW.locale, NEW.survey_id, NEW.touchpoint, NEW.day, NEW.answered, NEW.completed
  WHERE NEW.locale IS NOT NULL
  UNION ALL
  SELECT NEW.id, 'channel', NEW.channel, NEW.survey_id, NEW.touchpoint, NEW.day, NEW.answered, NEW.completed
  UNION ALL
  SELECT NEW.id, v.dim, v.value, NEW.survey_id, NEW.touchpoint, NEW.day, NEW.answered, NEW.completed
  FROM segment_dims d JOIN segment_values v ON v.site_id = d.site_id AND v.dim = 'a:' || d.name
    AND v.value = CAST(json_extract(NEW.attributes, '$."' || d.name || '"') AS TEXT)
  WHERE d.site_id = NEW.site_id AND NEW.attributes IS NOT NULL;
END;

-- Erasure (and cascades from a deleted survey): answers first, through their own triggers, then the
-- response's dims. Deleting the answers here does not depend on when the foreign-key cascade runs.
CREATE TRIGGER responses_ad_dims AFTER DELETE ON responses BEGIN
  DELETE FROM answers WHERE response_id = OLD.id;
  DELETE FROM response_dims WHERE response_id = OLD.id;
END;

-- ---- answers -> dimensional rollups, once per dim of their response ----
CREATE TRIGGER answers_ai_dims_other AFTER INSERT ON answers WHEN NEW.num IS NULL BEGIN
  INSERT INTO dim_question_rollups (survey_id, dim, value, question_id, touchpoint, day, answered, positive, neutral, negative)
  SELECT NEW.survey_id, d.dim, d.value, NEW.question_id, NEW.touchpoint, NEW.day, 1,
    NEW.sentiment IS 1, NEW.sentiment IS 0, NEW.sentiment IS -1
  FROM response_dims d WHERE d.response_id = NEW.response_id
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint) DO UPDATE SET
    answered = answered + 1, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative;
END;

CREATE TRIGGER answers_ai_dims_score AFTER INSERT ON answers WHEN NEW.num IS NOT NULL BEGIN
  INSERT INTO dim_answer_rollups (survey_id, dim, value, question_id, touchpoint, day, n,
    v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10)
  SELECT NEW.survey_id, d.dim, d.value, NEW.question_id, NEW.touchpoint, NEW.day, 1,
    NEW.num = 0, NEW.num = 1, NEW.num = 2, NEW.num = 3, NEW.num = 4, NEW.num = 5,
    NEW.num = 6, NEW.num = 7, NEW.num = 8, NEW.num = 9, NEW.num = 10
  FROM response_dims d WHERE d.response_id = NEW.response_id
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint) DO UPDATE SET
    n = n + 1, v0 = v0 + excluded.v0, v1 = v1 + excluded.v1, v2 = v2 + excluded.v2,
    v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5, v6 = v6 + excluded.v6,
    v7 = v7 + excluded.v7, v8 = v8 + excluded.v8, v9 = v9 + excluded.v9, v10 = v10 + excluded.v10;
END;

CREATE TRIGGER answers_ai_dims_choices AFTER INSERT ON answers WHEN NEW.choices IS NOT NULL BEGIN
  INSERT INTO dim_choice_rollups (survey_id, dim, value, question_id, touchpoint, day, option_id, n)
  SELECT NEW.survey_id, d.dim, d.value, NEW.question_id, NEW.touchpoint, NEW.day, j.value, 1
  FROM response_dims d, json_each(NEW.choices) AS j WHERE d.response_id = NEW.response_id
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint, option_id) DO UPDATE SET n = n + 1;
END;

-- An answer's delete takes it out of its response's dims; an update is a delete of the old value
-- and an insert of the new one (as in 0001).
CREATE TRIGGER answers_ad_dims AFTER DELETE ON answers BEGIN
  UPDATE dim_question_rollups SET answered = answered - 1,
    positive = positive - (OLD.sentiment IS 1), neutral = neutral - (OLD.sentiment IS 0),
    negative = negative - (OLD.sentiment IS -1)
  WHERE OLD.num IS NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.response_id);

  UPDATE dim_answer_rollups SET n = n - 1,
    v0 = v0 - (OLD.num = 0), v1 = v1 - (OLD.num = 1), v2 = v2 - (OLD.num = 2), v3 = v3 - (OLD.num = 3),
    v4 = v4 - (OLD.num = 4), v5 = v5 - (OLD.num = 5), v6 = v6 - (OLD.num = 6), v7 = v7 - (OLD.num = 7),
    v8 = v8 - (OLD.num = 8), v9 = v9 - (OLD.num = 9), v10 = v10 - (OLD.num = 10)
  WHERE OLD.num IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.response_id);

  UPDATE dim_choice_rollups SET n = n - 1
  WHERE OLD.choices IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.response_id)
    AND option_id IN (SELECT value FROM json_each(OLD.choices));
END;

CREATE TRIGGER answers_au_dims AFTER UPDATE ON answers BEGIN
  UPDATE dim_question_rollups SET answered = answered - 1,
    positive = positive - (OLD.sentiment IS 1), neutral = neutral - (OLD.sentiment IS 0),
    negative = negative - (OLD.sentiment IS -1)
  WHERE OLD.num IS NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.response_id);

  UPDATE dim_answer_rollups SET n = n - 1,
    v0 = v0 - (OLD.num = 0), v1 = v1 - (OLD.num = 1), v2 = v2 - (OLD.num = 2), v3 = v3 - (OLD.num = 3),
    v4 = v4 - (OLD.num = 4), v5 = v5 - (OLD.num = 5), v6 = v6 - (OLD.num = 6), v7 = v7 - (OLD.num = 7),
    v8 = v8 - (OLD.num = 8), v9 = v9 - (OLD.num = 9), v10 = v10 - (OLD.num = 10)
  WHERE OLD.num IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.response_id);

  UPDATE dim_choice_rollups SET n = n - 1
  WHERE OLD.choices IS NOT NULL AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND touchpoint = OLD.touchpoint AND day = OLD.day
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.response_id)
    AND option_id IN (SELECT value FROM json_each(OLD.choices));

  INSERT INTO dim_question_rollups (survey_id, dim, value, question_id, touchpoint, day, answered, positive, neutral, negative)
  SELECT NEW.survey_id, d.dim, d.value, NEW.question_id, NEW.touchpoint, NEW.day, 1,
    NEW.sentiment IS 1, NEW.sentiment IS 0, NEW.sentiment IS -1
  FROM response_dims d WHERE d.response_id = NEW.response_id AND NEW.num IS NULL
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint) DO UPDATE SET
    answered = answered + 1, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative;

  INSERT INTO dim_answer_rollups (survey_id, dim, value, question_id, touchpoint, day, n,
    v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10)
  SELECT NEW.survey_id, d.dim, d.value, NEW.question_id, NEW.touchpoint, NEW.day, 1,
    NEW.num = 0, NEW.num = 1, NEW.num = 2, NEW.num = 3, NEW.num = 4, NEW.num = 5,
    NEW.num = 6, NEW.num = 7, NEW.num = 8, NEW.num = 9, NEW.num = 10
  FROM response_dims d WHERE d.response_id = NEW.response_id AND NEW.num IS NOT NULL
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint) DO UPDATE SET
    n = n + 1, v0 = v0 + excluded.v0, v1 = v1 + excluded.v1, v2 = v2 + excluded.v2,
    v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5, v6 = v6 + excluded.v6,
    v7 = v7 + excluded.v7, v8 = v8 + excluded.v8, v9 = v9 + excluded.v9, v10 = v10 + excluded.v10;

  INSERT INTO dim_choice_rollups (survey_id, dim, value, question_id, touchpoint, day, option_id, n)
  SELECT NEW.survey_id, d.dim, d.value, NEW.question_id, NEW.touchpoint, NEW.day, j.value, 1
  FROM response_dims d, json_each(NEW.choices) AS j WHERE d.response_id = NEW.response_id AND NEW.choices IS NOT NULL
  ON CONFLICT (survey_id, dim, value, day, question_id, touchpoint, option_id) DO UPDATE SET n = n + 1;
END;

-- Responses already stored are counted under their locale and channel now (no attribute is declared yet).
INSERT INTO response_dims (response_id, dim, value, survey_id, touchpoint, day, answered, completed)
SELECT id, 'locale', locale, survey_id, touchpoint, day, answered, completed FROM responses WHERE locale IS NOT NULL;
INSERT INTO response_dims (response_id, dim, value, survey_id, touchpoint, day, answered, completed)
SELECT id, 'channel', channel, survey_id, touchpoint, day, answered, completed FROM responses;

-- At-risk reads only identified responses of the site in its window, newest first.
CREATE INDEX responses_identified_day ON responses(site_id, day, respondent_id) WHERE respondent_id IS NOT NULL;

-- Exports seek by (created_at, id) within a survey: each page is an index range, however deep.
CREATE INDEX responses_survey_created ON responses(survey_id, created_at, id);
