-- Passkeys (#15): when each was last used to sign in, shown on the account screen so a member can
-- tell a forgotten one from the one on their laptop before removing it.
ALTER TABLE passkeys ADD COLUMN last_used_at INTEGER;
