-- The first week of a real team (#17): touchpoints get names in several languages (the Persian
-- dashboard showed English names) and can be archived (kept for their answers, hidden from set-up
-- lists and the journey map) instead of living forever.
ALTER TABLE touchpoints ADD COLUMN names TEXT;        -- JSON {en?, fa?, ar?}; `name` stays the default
ALTER TABLE touchpoints ADD COLUMN archived_at INTEGER;
