-- Teams (#15): people sign in with a role per site, every change is audited, and a case is a
-- workflow (assignee, due date, escalation, a timeline instead of one overwritten note).

-- A person, across sites. password is "pbkdf2-sha256$ITERATIONS$SALT$HASH" (worker/teams/password.ts);
-- NULL until an invitation is accepted (or for people who only use a passkey or single sign-on).
CREATE TABLE members (
  id                   TEXT PRIMARY KEY,
  email                TEXT NOT NULL UNIQUE,         -- lower-cased
  name                 TEXT,
  password             TEXT,
  password_changed_at  INTEGER,
  created_at           INTEGER NOT NULL
);

-- Which sites a person belongs to, with which role. accepted_at is NULL while invited.
CREATE TABLE memberships (
  member_id    TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  site_id      TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('owner','admin','analyst','agent')),
  created_at   INTEGER NOT NULL,
  accepted_at  INTEGER,
  PRIMARY KEY (member_id, site_id)
) WITHOUT ROWID;
CREATE INDEX memberships_site ON memberships(site_id, created_at);

-- Invitation links: only a SHA-256 of the token is kept.
CREATE TABLE member_invites (
  token_hash   TEXT PRIMARY KEY,
  member_id    TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  site_id      TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  expires_at   INTEGER NOT NULL,
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- Signed-in browsers: only a SHA-256 of the cookie's token is kept. site_id is the site the member
-- is working on now (switchable among their memberships).
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  member_id    TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  site_id      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_member ON sessions(member_id);

-- Failed sign-ins per email and per IP ("email:x", "ip:y"), for the lockout.
CREATE TABLE signin_failures (
  key           TEXT PRIMARY KEY,
  failures      INTEGER NOT NULL,
  first_at      INTEGER NOT NULL,
  locked_until  INTEGER
) WITHOUT ROWID;

-- Passkeys (WebAuthn credentials) of a member.
CREATE TABLE passkeys (
  id           TEXT PRIMARY KEY,                -- the credential id (base64url)
  member_id    TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  public_key   TEXT NOT NULL,                   -- base64url COSE key
  counter      INTEGER NOT NULL DEFAULT 0,
  transports   TEXT,                            -- JSON array
  name         TEXT,
  created_at   INTEGER NOT NULL
);
CREATE INDEX passkeys_member ON passkeys(member_id);

-- WebAuthn challenges waiting for their answer (one use, five minutes).
CREATE TABLE webauthn_challenges (
  id           TEXT PRIMARY KEY,
  member_id    TEXT,
  challenge    TEXT NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- Every change made through the API: who (a member or an API key), what, on which object.
CREATE TABLE audit_log (
  id           TEXT PRIMARY KEY,
  site_id      TEXT NOT NULL,
  at           INTEGER NOT NULL,
  actor_type   TEXT NOT NULL CHECK (actor_type IN ('member','key')),
  actor_id     TEXT NOT NULL,
  action       TEXT NOT NULL,                   -- the endpoint's operationId
  target_type  TEXT NOT NULL,
  target_id    TEXT
);
CREATE INDEX audit_site ON audit_log(site_id, at, id);
CREATE INDEX audit_actor ON audit_log(site_id, actor_id, at);
CREATE INDEX audit_target ON audit_log(site_id, target_type, target_id, at);

-- Cases as a workflow.
ALTER TABLE cases ADD COLUMN assignee TEXT;      -- a member id
ALTER TABLE cases ADD COLUMN due_at INTEGER;
ALTER TABLE cases ADD COLUMN category TEXT;      -- root cause
ALTER TABLE cases ADD COLUMN escalated_at INTEGER;
ALTER TABLE cases ADD COLUMN alert_id TEXT;      -- the rule that opened it (its webhook hears of escalation)
CREATE INDEX cases_due ON cases(due_at) WHERE escalated_at IS NULL AND status <> 'resolved';
CREATE INDEX cases_assignee ON cases(site_id, assignee, created_at);

-- The timeline of a case: notes and changes, never overwritten.
CREATE TABLE case_events (
  id           TEXT PRIMARY KEY,
  response_id  TEXT NOT NULL REFERENCES cases(response_id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  actor_type   TEXT NOT NULL CHECK (actor_type IN ('member','key','system')),
  actor_id     TEXT,
  kind         TEXT NOT NULL CHECK (kind IN ('note','status','assignee','due','category','escalated')),
  value        TEXT
);
CREATE INDEX case_events_case ON case_events(response_id, at);

-- How long an answer alert's case may wait before it is escalated (hours).
ALTER TABLE alerts ADD COLUMN target_hours INTEGER;
