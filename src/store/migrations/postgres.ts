/**
 * PostgreSQL schema migrations: the same ids and names as the SQLite ones they correspond to, applied in
 * order and recorded in `schema_migrations`. Append only: never edit a migration that has shipped.
 *
 * Times are epoch milliseconds in BIGINT (read back as numbers). Keys that pages are ordered by use
 * `COLLATE "C"` so that ordering and `> cursor` comparisons are bytewise, as SQLite's BINARY collation is,
 * whatever the database's locale.
 */
import { mfaPostgresMigrations } from './mfa.ts';
import { directoryPostgresMigrations } from './directory.ts';
import type { Migration } from './sqlite.ts';

export const postgresMigrations: Migration[] = [
  {
    id: 1,
    name: 'core user pools',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pools (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_modified_at BIGINT NOT NULL,
  config TEXT NOT NULL
);
CREATE TABLE signing_keys (
  kid TEXT COLLATE "C" PRIMARY KEY,
  pool_id TEXT NOT NULL,
  use TEXT NOT NULL,
  private_key_sealed TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX signing_keys_pool ON signing_keys(pool_id);
CREATE TABLE clients (
  id TEXT COLLATE "C" PRIMARY KEY,
  pool_id TEXT NOT NULL,
  name TEXT NOT NULL,
  secret_sealed TEXT,
  created_at BIGINT NOT NULL,
  last_modified_at BIGINT NOT NULL,
  config TEXT NOT NULL
);
CREATE INDEX clients_pool ON clients(pool_id, id);
CREATE TABLE users (
  pool_id TEXT NOT NULL,
  username_key TEXT COLLATE "C" NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled BOOLEAN NOT NULL,
  generation BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  last_modified_at BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, username_key)
);
CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  generation BIGINT NOT NULL,
  refresh_hash TEXT NOT NULL,
  scope TEXT NOT NULL,
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX grants_expiry ON grants(expires_at);
CREATE INDEX grants_user ON grants(pool_id, sub);
CREATE INDEX grants_client ON grants(pool_id, client_id);
CREATE TABLE codes (
  pool_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  subject TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (pool_id, purpose, subject)
);
CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY,
  secret_sealed TEXT NOT NULL,
  session_token_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  principal TEXT NOT NULL
);
`,
  },
  {
    id: 4,
    name: 'users: indexed sign-in alias keys',
    // As SQLite's migration 4. The backfill lower-cases under the ICU root collation when the server has
    // it: that is the full Unicode mapping JavaScript's toLowerCase applies (lower() under a C or libc
    // locale folds fewer characters, e.g. only ASCII under C.UTF-8).
    sql: `
ALTER TABLE users ADD COLUMN email_key TEXT COLLATE "C";
ALTER TABLE users ADD COLUMN phone_key TEXT COLLATE "C";
ALTER TABLE users ADD COLUMN preferred_username_key TEXT COLLATE "C";
DO $migration$
DECLARE
  coll TEXT := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN '"und-x-icu"' ELSE '"default"' END;
  pick TEXT := '(SELECT e.a->>''Value'' FROM jsonb_array_elements(users.data::jsonb->''attributes'') WITH ORDINALITY AS e(a, i)
                 WHERE e.a->>''Name'' = %L ORDER BY e.i LIMIT 1)';
BEGIN
  EXECUTE format(
    'UPDATE users SET email_key = lower(%s COLLATE %s)::text, phone_key = lower(%s COLLATE %s)::text, preferred_username_key = lower(%s COLLATE %s)::text',
    format(pick, 'email'), coll, format(pick, 'phone_number'), coll, format(pick, 'preferred_username'), coll);
END
$migration$;
CREATE INDEX users_email ON users(pool_id, email_key, username_key) WHERE email_key IS NOT NULL;
CREATE INDEX users_phone ON users(pool_id, phone_key, username_key) WHERE phone_key IS NOT NULL;
CREATE INDEX users_preferred_username ON users(pool_id, preferred_username_key, username_key) WHERE preferred_username_key IS NOT NULL;
`,
  },
  {
    id: 5,
    name: 'users: the password verifier in its own column',
    // As SQLite's migration 5: GetUser's statement then neither reads nor parses the verifier.
    sql: `
ALTER TABLE users ADD COLUMN password TEXT;
UPDATE users SET password = (data::jsonb -> 'password')::text, data = (data::jsonb - 'password')::text
  WHERE jsonb_typeof(data::jsonb -> 'password') = 'object';
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
);
CREATE TABLE sso_accounts (account_id TEXT COLLATE "C" PRIMARY KEY, account_name TEXT NOT NULL, email TEXT NOT NULL);
CREATE TABLE sso_permission_sets (
  name TEXT COLLATE "C" PRIMARY KEY,
  session_duration INTEGER NOT NULL,
  admin_access BOOLEAN NOT NULL
);
CREATE TABLE sso_assignments (
  user_id TEXT NOT NULL,
  account_id TEXT COLLATE "C" NOT NULL,
  permission_set TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (user_id, account_id, permission_set)
);
CREATE TABLE sso_clients (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE sso_device_auths (
  device_code_hash TEXT PRIMARY KEY,
  user_code TEXT NOT NULL UNIQUE,
  client_id TEXT NOT NULL,
  status TEXT NOT NULL,
  session_id TEXT,
  "interval" INTEGER NOT NULL,
  last_polled_at BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE sso_auth_codes (code_hash TEXT PRIMARY KEY, expires_at BIGINT NOT NULL, data TEXT NOT NULL);
CREATE TABLE sso_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  browser_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX sso_sessions_expiry ON sso_sessions(expires_at);
CREATE TABLE sso_tokens (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  session_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sso_tokens_expiry ON sso_tokens(expires_at);
`,
  },
  {
    id: 200,
    name: 'identity pools: pools, identities, linked logins',
    sql: `
CREATE TABLE identity_pools (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_modified_at BIGINT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE identities (
  id TEXT COLLATE "C" PRIMARY KEY,
  pool_id TEXT NOT NULL,
  logins TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_modified_at BIGINT NOT NULL
);
CREATE INDEX identities_pool ON identities(pool_id, id);
CREATE TABLE identity_logins (
  pool_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, subject)
);
CREATE INDEX identity_logins_identity ON identity_logins(identity_id);
`,
  },
  {
    id: 350,
    name: 'managed login: user pool domains, resource servers, browser sessions and the grants issued through them',
    sql: `
CREATE TABLE user_pool_domains (domain TEXT COLLATE "C" PRIMARY KEY, pool_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX user_pool_domains_pool ON user_pool_domains(pool_id, domain);
CREATE TABLE resource_servers (
  pool_id TEXT NOT NULL,
  identifier TEXT COLLATE "C" NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, identifier)
);
CREATE TABLE login_sessions (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  browser_hash TEXT NOT NULL,
  generation BIGINT NOT NULL,
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX login_sessions_expiry ON login_sessions(expires_at);
CREATE TABLE login_session_grants (
  session_id TEXT NOT NULL,
  grant_id TEXT NOT NULL,
  pool_id TEXT NOT NULL,
  PRIMARY KEY (session_id, grant_id)
);
`,
  },
  // User-pool directory (groups), ids 310–329.
  ...directoryPostgresMigrations,
  // Sign-in factors (MFA, devices, passkeys), ids 330–349.
  ...mfaPostgresMigrations,
  // Security (attempt limits), ids 300–309.
  {
    id: 300,
    name: 'attempt limits: per-key counters over a window (code requests, wrong codes, sign-in brakes)',
    sql: `
CREATE TABLE attempt_limits (
  key TEXT COLLATE "C" PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
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
ALTER TABLE attempt_limits ADD COLUMN locked_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE attempt_limits ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
INSERT INTO attempt_limits (key, count, reset_at, locked_until, refused)
  SELECT 'password:' || pool_id || ':' || sub,
         (data::jsonb ->> 'failedAttempts')::int,
         GREATEST(COALESCE((data::jsonb ->> 'lockedUntil')::bigint, 0), (extract(epoch FROM clock_timestamp()) * 1000)::bigint) + 900000,
         COALESCE((data::jsonb ->> 'lockedUntil')::bigint, 0),
         0
  FROM users WHERE (data::jsonb ->> 'failedAttempts')::int > 0
  ON CONFLICT (key) DO NOTHING;
UPDATE users SET data = ((data::jsonb) - 'failedAttempts' - 'lockedUntil')::text
  WHERE data::jsonb ?| array['failedAttempts', 'lockedUntil'];
`,
  },
];
