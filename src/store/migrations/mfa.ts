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
];
