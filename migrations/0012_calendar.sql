-- Time zone and calendar (#14). `day` on responses, answers, response_dims and every rollup is now
-- the *local* day in the site's IANA time zone, stamped at write time (so rollups keep their keys
-- and every read stays one index range per day). Weeks, months, quarters and years are built from
-- those days in the site's calendar when read, so a calendar change rebuilds nothing stored.
-- Responses stored before this migration keep their UTC day, which is their local day in 'UTC',
-- the default zone.
ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE sites ADD COLUMN calendar TEXT NOT NULL DEFAULT 'gregorian' CHECK (calendar IN ('gregorian', 'persian'));
-- A time-zone change restamps the days of the site's stored responses in chunks (worker/sites/rezone.ts).
-- `rezone_at` is when the zone last changed, NULL once every stored day is in `time_zone`; while it is
-- set, results are scanned with days computed from `created_at`, so no figure is wrong meanwhile.
-- `rezone_cursor` is the position of the next chunk (JSON {pass, survey, at, id}).
ALTER TABLE sites ADD COLUMN rezone_at INTEGER;
ALTER TABLE sites ADD COLUMN rezone_cursor TEXT;

-- A response moved to another day (the restamp above) moves its counts in the response rollups
-- and, under each dim it is counted in, in the dimensional ones. Its answers are moved by the
-- existing UPDATE triggers on answers (0001 answers_au, 0007 answers_au_dims), which take an answer
-- out of OLD.day and put it into NEW.day.
CREATE TRIGGER responses_au_day AFTER UPDATE OF day ON responses WHEN NEW.day <> OLD.day BEGIN
  UPDATE response_rollups SET started = started - 1, answered = answered - OLD.answered,
    completed = completed - OLD.completed
  WHERE survey_id = OLD.survey_id AND touchpoint = OLD.touchpoint AND day = OLD.day;
  INSERT INTO response_rollups (survey_id, touchpoint, day, started, answered, completed)
  VALUES (NEW.survey_id, NEW.touchpoint, NEW.day, 1, NEW.answered, NEW.completed)
  ON CONFLICT (survey_id, day, touchpoint) DO UPDATE SET
    started = started + 1, answered = answered + excluded.answered, completed = completed + excluded.completed;

  UPDATE dim_response_rollups SET started = started - 1,
    answered = answered - (SELECT d.answered FROM response_dims d WHERE d.response_id = OLD.id AND d.dim = dim_response_rollups.dim),
    completed = completed - (SELECT d.completed FROM response_dims d WHERE d.response_id = OLD.id AND d.dim = dim_response_rollups.dim)
  WHERE survey_id = OLD.survey_id AND day = OLD.day AND touchpoint = OLD.touchpoint
    AND (dim, value) IN (SELECT dim, value FROM response_dims WHERE response_id = OLD.id);
  INSERT INTO dim_response_rollups (survey_id, dim, value, touchpoint, day, started, answered, completed)
  SELECT NEW.survey_id, d.dim, d.value, NEW.touchpoint, NEW.day, 1, d.answered, d.completed
  FROM response_dims d WHERE d.response_id = NEW.id
  ON CONFLICT (survey_id, dim, value, day, touchpoint) DO UPDATE SET
    started = started + 1, answered = answered + excluded.answered, completed = completed + excluded.completed;
  UPDATE response_dims SET day = NEW.day WHERE response_id = NEW.id;
END;
