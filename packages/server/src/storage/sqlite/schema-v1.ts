// Migration 1: the initial schema. Dates are INTEGER epoch ms; arrays and JSON are TEXT.
// Everything issued to a client or a user goes with it (ON DELETE CASCADE); every foreign-key
// column is indexed so the cascade does not scan.
export const SCHEMA_V1 = `
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  client_name TEXT NOT NULL,
  description TEXT,
  redirect_uris TEXT NOT NULL,
  grant_types TEXT NOT NULL,
  personal_access_tokens_enabled INTEGER NOT NULL,
  token_endpoint_auth_method TEXT NOT NULL,
  scope TEXT NOT NULL,
  access_token_lifetime INTEGER,
  refresh_token_lifetime INTEGER,
  skip_consent INTEGER NOT NULL,
  secret_digest TEXT,
  secret_hint TEXT,
  previous_secret_digest TEXT,
  previous_secret_expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX clients_page ON clients (created_at, client_id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE,
  email TEXT,
  display_name TEXT,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  password_hash TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_username ON users (username COLLATE NOCASE);
CREATE INDEX users_page ON users (created_at, id);

CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX grants_client ON grants (client_id);
CREATE INDEX grants_user ON grants (user_id, client_id);
CREATE INDEX grants_expiry ON grants (expires_at);

CREATE TABLE refresh_tokens (
  digest TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  rotated_at INTEGER
) STRICT;
CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id);
CREATE INDEX refresh_tokens_client ON refresh_tokens (client_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

CREATE TABLE personal_access_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  digest TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX personal_access_tokens_page ON personal_access_tokens (created_at, id);
CREATE INDEX personal_access_tokens_user ON personal_access_tokens (user_id, created_at, id);
CREATE INDEX personal_access_tokens_client ON personal_access_tokens (client_id, created_at, id);
CREATE INDEX personal_access_tokens_expiry ON personal_access_tokens (expires_at);

CREATE TABLE authorization_codes (
  digest TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  scope TEXT NOT NULL,
  code_challenge TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  redeemed_at INTEGER,
  redeemed_grant_id TEXT
) STRICT;
CREATE INDEX authorization_codes_client ON authorization_codes (client_id);
CREATE INDEX authorization_codes_user ON authorization_codes (user_id);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);

CREATE TABLE consents (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, client_id)
) STRICT;
CREATE INDEX consents_page ON consents (user_id, created_at, client_id);
CREATE INDEX consents_client ON consents (client_id);

CREATE TABLE login_sessions (
  digest TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX login_sessions_user ON login_sessions (user_id);
CREATE INDEX login_sessions_expiry ON login_sessions (expires_at);

CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  alg TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at INTEGER NOT NULL,
  retired_at INTEGER,
  publish_until INTEGER
) STRICT;
-- At most one active key, whatever the callers do.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (status) WHERE status = 'active';

CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  target_type TEXT,
  target_id TEXT,
  ip TEXT,
  user_agent TEXT,
  details TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_events_page ON audit_events (created_at, id);
CREATE INDEX audit_events_type ON audit_events (type, created_at, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, created_at, id);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id, created_at, id);
`;
