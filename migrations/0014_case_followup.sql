-- Cases (#15): after resolution the team may send the customer a follow-up survey link. The case
-- keeps the personal invitation it made, so the recovery rate (did the follow-up answer come back
-- passive/promoter or satisfied?) can be counted per owner and per touchpoint.
ALTER TABLE cases ADD COLUMN followup_invitation_id TEXT;
CREATE INDEX cases_followup ON cases(site_id) WHERE followup_invitation_id IS NOT NULL;
