/**
 * SQLite schema migrations, applied in order and recorded in `schema_migrations`. Append only: never
 * edit a migration that has shipped. Other areas (identity pools, Identity Center) append their own.
 */
import { mfaSqliteMigrations } from './mfa.ts';
import { directorySqliteMigrations } from './directory.ts';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const sqliteMigrations: Migration[] = [
  {
    id: 1,
    name: 'core user pools',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  config TEXT NOT NULL
);
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  use TEXT NOT NULL,
  private_key_sealed TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX signing_keys_pool ON signing_keys(pool_id);
CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  name TEXT NOT NULL,
  secret_sealed TEXT,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  config TEXT NOT NULL
);
CREATE INDEX clients_pool ON clients(pool_id, id);
CREATE TABLE users (
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, username_key)
) WITHOUT ROWID;
CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  generation INTEGER NOT NULL,
  refresh_hash TEXT NOT NULL,
  scope TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX grants_expiry ON grants(expires_at);
CREATE INDEX grants_user ON grants(pool_id, sub);
CREATE TABLE codes (
  pool_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  subject TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (pool_id, purpose, subject)
) WITHOUT ROWID;
CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL,
  data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY,
  secret_sealed TEXT NOT NULL,
  session_token_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  principal TEXT NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    id: 3,
    name: 'users as a rowid table',
    // Users rows (~1 KB with the verifier and attributes) overflow WITHOUT ROWID pages, and every key
    // comparison then copies the row: the revocation join on (pool_id, sub) paid ~9 µs instead of ~5 µs.
    sql: `
CREATE TABLE users_rowid (
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, username_key)
);
INSERT INTO users_rowid (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data)
  SELECT pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data FROM users;
DROP TABLE users;
ALTER TABLE users_rowid RENAME TO users;
CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
`,
  },
  {
    id: 4,
    name: 'users: indexed sign-in alias keys',
    // Sign-in by e-mail, phone number or preferred user name looked the user up by scanning the pool.
    // Each key is the lower-cased value of the first attribute of that name (NULL when absent), as the
    // adapters write it (rows-user-pools.ts aliasKeys). The backfill lower-cases with JavaScript's
    // toLowerCase (cognate_lower, registered by migrate()): SQLite's lower() folds ASCII only.
    // Partial indexes: most users have no preferred_username, and a lookup by value never wants NULL.
    // username_key ends each index: lookups return users in that order without a sort, and without it
    // the planner walks the primary key for the ORDER BY instead, i.e. scans the pool.
    sql: `
ALTER TABLE users ADD COLUMN email_key TEXT;
ALTER TABLE users ADD COLUMN phone_key TEXT;
ALTER TABLE users ADD COLUMN preferred_username_key TEXT;
UPDATE users SET
  email_key = cognate_lower((SELECT json_extract(a.value, '$.Value') FROM json_each(users.data, '$.attributes') a
                             WHERE json_extract(a.value, '$.Name') = 'email' ORDER BY a.key LIMIT 1)),
  phone_key = cognate_lower((SELECT json_extract(a.value, '$.Value') FROM json_each(users.data, '$.attributes') a
                             WHERE json_extract(a.value, '$.Name') = 'phone_number' ORDER BY a.key LIMIT 1)),
  preferred_username_key = cognate_lower((SELECT json_extract(a.value, '$.Value') FROM json_each(users.data, '$.attributes') a
                             WHERE json_extract(a.value, '$.Name') = 'preferred_username' ORDER BY a.key LIMIT 1));
CREATE INDEX users_email ON users(pool_id, email_key, username_key) WHERE email_key IS NOT NULL;
CREATE INDEX users_phone ON users(pool_id, phone_key, username_key) WHERE phone_key IS NOT NULL;
CREATE INDEX users_preferred_username ON users(pool_id, preferred_username_key, username_key) WHERE preferred_username_key IS NOT NULL;
`,
  },
  {
    id: 5,
    name: 'users: the password verifier in its own column',
    // GetUser reads every field of a user but the verifier, which was ~770 of the ~1 000 characters of
    // the data column it read and parsed on each call. json_extract of an object yields its JSON text.
    sql: `
ALTER TABLE users ADD COLUMN password TEXT;
UPDATE users SET password = json_extract(data, '$.password'), data = json_remove(data, '$.password')
  WHERE json_type(data, '$.password') = 'object';
`,
  },
  {
    id: 100,
    name: 'iam identity center: directory, oidc clients, device/code authorizations, sign-in sessions, tokens',
    sql: `
CREATE TABLE sso_settings (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);
CREATE TABLE sso_users (
  id TEXT PRIMARY KEY,
  user_name_key TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sso_accounts (account_id TEXT PRIMARY KEY, account_name TEXT NOT NULL, email TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sso_permission_sets (
  name TEXT PRIMARY KEY,
  session_duration INTEGER NOT NULL,
  admin_access INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sso_assignments (
  user_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  permission_set TEXT NOT NULL,
  PRIMARY KEY (user_id, account_id, permission_set)
) WITHOUT ROWID;
CREATE TABLE sso_clients (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sso_device_auths (
  device_code_hash TEXT PRIMARY KEY,
  user_code TEXT NOT NULL UNIQUE,
  client_id TEXT NOT NULL,
  status TEXT NOT NULL,
  session_id TEXT,
  interval INTEGER NOT NULL,
  last_polled_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sso_auth_codes (code_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sso_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  browser_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
) WITHOUT ROWID;
CREATE INDEX sso_sessions_expiry ON sso_sessions(expires_at);
CREATE TABLE sso_tokens (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  session_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sso_tokens_expiry ON sso_tokens(expires_at);
`,
  },
  {
    id: 200,
    name: 'identity pools: pools, identities, linked logins',
    sql: `
CREATE TABLE identity_pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE identities (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  logins TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX identities_pool ON identities(pool_id, id);
CREATE TABLE identity_logins (
  pool_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (pool_id, subject)
) WITHOUT ROWID;
CREATE INDEX identity_logins_identity ON identity_logins(identity_id);
`,
  },
  {
    id: 350,
    name: 'managed login: user pool domains, resource servers, browser sessions and the grants issued through them',
    sql: `
CREATE TABLE user_pool_domains (domain TEXT PRIMARY KEY, pool_id TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX user_pool_domains_pool ON user_pool_domains(pool_id, domain);
CREATE TABLE resource_servers (
  pool_id TEXT NOT NULL,
  identifier TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, identifier)
) WITHOUT ROWID;
CREATE TABLE login_sessions (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  browser_hash TEXT NOT NULL,
  generation INTEGER NOT NULL,
  auth_time INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
) WITHOUT ROWID;
CREATE INDEX login_sessions_expiry ON login_sessions(expires_at);
CREATE TABLE login_session_grants (
  session_id TEXT NOT NULL,
  grant_id TEXT NOT NULL,
  pool_id TEXT NOT NULL,
  PRIMARY KEY (session_id, grant_id)
) WITHOUT ROWID;
`,
  },
  // User-pool directory (groups), ids 310–329.
  ...directorySqliteMigrations,
  // Sign-in factors (MFA, devices, passkeys), ids 330–349.
  ...mfaSqliteMigrations,
  // Security (attempt limits), ids 300–309.
  {
    id: 300,
    name: 'attempt limits: per-key counters over a window (code requests, wrong codes, sign-in brakes)',
    sql: `
CREATE TABLE attempt_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX attempt_limits_reset ON attempt_limits(reset_at);
`,
  },
  // The wrong-password brake in the store (ids 400–409).
  {
    id: 400,
    name: 'wrong-password brake: a lock per attempt counter; user records hand their failure count over to it',
    // The keys are domain/password-brake's `password:<pool id>:<sub>`. Failures counted before this
    // migration carry over, with a quarter of an hour before they may go idle.
    sql: `
ALTER TABLE attempt_limits ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempt_limits ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
INSERT OR REPLACE INTO attempt_limits (key, count, reset_at, locked_until, refused)
  SELECT 'password:' || pool_id || ':' || sub,
         CAST(json_extract(data, '$.failedAttempts') AS INTEGER),
         MAX(COALESCE(json_extract(data, '$.lockedUntil'), 0), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) + 900000,
         COALESCE(json_extract(data, '$.lockedUntil'), 0),
         0
  FROM users WHERE json_extract(data, '$.failedAttempts') > 0;
UPDATE users SET data = json_remove(data, '$.failedAttempts', '$.lockedUntil')
  WHERE json_type(data, '$.failedAttempts') IS NOT NULL OR json_type(data, '$.lockedUntil') IS NOT NULL;
`,
  },
];
