-- Terms at any scale (#14): the terms endpoint reads the latest 2,000 open-text answers of each
-- sentiment (TERMS_TEXT_CAP in worker/insights/sql.ts). Through `answers_text` (survey_id, created_at)
-- it walked past the other sentiments' texts to find them: ~28,000 rows at 1,000,000 responses, most of
-- them for the rarest sentiment. With the sentiment in the key, each of the three reads is one index
-- range of at most 2,000 entries. Cost: one more index entry per text answer.
CREATE INDEX answers_text_sentiment ON answers(survey_id, sentiment, created_at) WHERE text IS NOT NULL;
