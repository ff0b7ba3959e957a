-- Seda schema: every touchpoint (links, email, SMS, QR). Times are unix milliseconds.

-- How a response arrived: the widget on a web page, or an invitation link sent by the site through
-- a channel of its own (a link, an email, an SMS, a QR code). A post never names its channel: it is
-- 'web' unless the post carries a valid invitation, whose channel it takes.
ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'
  CHECK (channel IN ('web','link','email','sms','qr'));
-- The invitation a response was given through; only posts carrying that invitation merge into it.
ALTER TABLE responses ADD COLUMN invitation_id TEXT;

-- Signs the site's invitation tokens (HMAC-SHA256); made when the site creates its first invitation.
ALTER TABLE sites ADD COLUMN link_secret TEXT;

-- One row per link. respondent_id NULL: an anonymous, reusable link (every visit a new response).
-- Otherwise a personal link: one response (response_id, made from the token, so every device that
-- opens the link continues the same one), answered once. status: pending (not opened and answered
-- yet), started (some answer received), completed, skipped (created but not to be asked: `reason`
-- says why, e.g. recontact_gap, already_completed, not_targeted), revoked.
CREATE TABLE invitations (
  id             TEXT PRIMARY KEY,                 -- the token's public part
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  survey_id      TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  channel        TEXT NOT NULL CHECK (channel IN ('link','email','sms','qr')),
  touchpoint     TEXT NOT NULL DEFAULT '',
  respondent_id  TEXT,
  attributes     TEXT,                             -- JSON object, as given for the respondent
  locale         TEXT,
  status         TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending','started','completed','skipped','revoked')),
  reason         TEXT,
  response_id    TEXT,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  started_at     INTEGER,
  completed_at   INTEGER,
  revoked_at     INTEGER
);
CREATE INDEX invitations_survey ON invitations(survey_id, created_at);
CREATE INDEX invitations_respondent ON invitations(site_id, respondent_id) WHERE respondent_id IS NOT NULL;
