-- Outcome imports are idempotent (issue #16): one outcome per (site, respondent, kind, at), so
-- importing the same CSV twice, or retrying a batch after a network error, stores nothing twice.
-- `at` is the event's time in ms; an outcome sent without one is stamped when it arrives and is
-- one per respondent and kind per local day (worker/outcomes/sql.ts checks that day first).

-- Duplicates stored before this migration: keep the last written of each key (a later import
-- is the later word on its value), drop the others.
DELETE FROM outcomes
WHERE id NOT IN (SELECT MAX(id) FROM outcomes GROUP BY site_id, respondent_id, kind, at);

CREATE UNIQUE INDEX outcomes_event ON outcomes(site_id, respondent_id, kind, at);

-- The unique index starts with (site_id, respondent_id): the older index on those two is redundant.
DROP INDEX outcomes_respondent;
