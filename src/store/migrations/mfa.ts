/**
 * Migrations of the sign-in factors (MFA, remembered devices, passkeys), ids 330–349, for both adapters.
 * Append only.
 */
import type { Migration } from './sqlite.ts';

export const mfaSqliteMigrations: Migration[] = [
  {
    id: 330,
    name: 'sign-in factors: the last TOTP step each user used',
    sql: `
CREATE TABLE totp_steps (
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  last_step INTEGER NOT NULL,
  PRIMARY KEY (pool_id, sub)
) WITHOUT ROWID;
`,
  },
  {
    id: 331,
    name: 'sign-in factors: remembered devices and the device each grant was issued to',
    sql: `
CREATE TABLE devices (
  pool_id TEXT NOT NULL,
  device_key TEXT NOT NULL,
  sub TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, device_key)
) WITHOUT ROWID;
CREATE INDEX devices_user ON devices(pool_id, sub, device_key);
CREATE TABLE grant_devices (grant_id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, device_key TEXT NOT NULL) WITHOUT ROWID;
`,
  },
  {
    id: 332,
    name: 'sign-in factors: passkeys (WebAuthn credentials)',
    sql: `
CREATE TABLE webauthn_credentials (
  pool_id TEXT NOT NULL,
  credential_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, credential_id)
) WITHOUT ROWID;
CREATE INDEX webauthn_credentials_user ON webauthn_credentials(pool_id, sub, credential_id);
`,
  },
];

export const mfaPostgresMigrations: Migration[] = [
  {
    id: 330,
    name: 'sign-in factors: the last TOTP step each user used',
    sql: `
CREATE TABLE totp_steps (
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  last_step BIGINT NOT NULL,
  PRIMARY KEY (pool_id, sub)
);
`,
  },
  {
    id: 331,
    name: 'sign-in factors: remembered devices and the device each grant was issued to',
    sql: `
CREATE TABLE devices (
  pool_id TEXT NOT NULL,
  device_key TEXT COLLATE "C" NOT NULL,
  sub TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, device_key)
);
CREATE INDEX devices_user ON devices(pool_id, sub, device_key);
CREATE TABLE grant_devices (grant_id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, device_key TEXT NOT NULL);
`,
  },
  {
    id: 332,
    name: 'sign-in factors: passkeys (WebAuthn credentials)',
    sql: `
CREATE TABLE webauthn_credentials (
  pool_id TEXT NOT NULL,
  credential_id TEXT COLLATE "C" NOT NULL,
  sub TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool_id, credential_id)
);
CREATE INDEX webauthn_credentials_user ON webauthn_credentials(pool_id, sub, credential_id);
`,
  },
];
