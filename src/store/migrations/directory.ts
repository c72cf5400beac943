/**
 * Migrations of the user-pool directory (groups and their members), ids 310–329, for both adapters.
 * Append only. Group names and member keys are page keys: PostgreSQL orders them bytewise (`COLLATE "C"`)
 * as SQLite's BINARY collation does.
 */
import type { Migration } from './sqlite.ts';

export const directorySqliteMigrations: Migration[] = [
  {
    id: 310,
    name: 'user pool groups and memberships',
    sql: `
CREATE TABLE user_groups (
  pool_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  precedence INTEGER,
  role_arn TEXT,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  PRIMARY KEY (pool_id, name)
) WITHOUT ROWID;
CREATE TABLE group_members (
  pool_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  username_key TEXT NOT NULL,
  sub TEXT NOT NULL,
  PRIMARY KEY (pool_id, group_name, username_key)
) WITHOUT ROWID;
CREATE UNIQUE INDEX group_members_user ON group_members(pool_id, sub, group_name);
`,
  },
];

export const directoryPostgresMigrations: Migration[] = [
  {
    id: 310,
    name: 'user pool groups and memberships',
    sql: `
CREATE TABLE user_groups (
  pool_id TEXT NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  description TEXT,
  precedence BIGINT,
  role_arn TEXT,
  created_at BIGINT NOT NULL,
  last_modified_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, name)
);
CREATE TABLE group_members (
  pool_id TEXT NOT NULL,
  group_name TEXT COLLATE "C" NOT NULL,
  username_key TEXT COLLATE "C" NOT NULL,
  sub TEXT NOT NULL,
  PRIMARY KEY (pool_id, group_name, username_key)
);
CREATE UNIQUE INDEX group_members_user ON group_members(pool_id, sub, group_name);
`,
  },
];
