/**
 * The embedded SQLite adapter (better-sqlite3, WAL). Durable on commit: with WAL and
 * synchronous=FULL a response is only sent after its write reached the disk, so a `kill -9` (or a
 * power cut) the instant after a sign-out cannot bring the session back.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../port.ts';
import { type Migration, sqliteMigrations } from '../migrations/sqlite.ts';
import { createRepos } from './repos.ts';
import { createSsoRepo } from './sso.ts';
import { createIdentityRepo } from './identity.ts';
import { createOAuthRepo } from './oauth.ts';
import { createGroupRepo } from './groups.ts';
import { createMfaRepo } from './mfa.ts';
import { createLimitRepo } from './limits.ts';

export interface SqliteOptions {
  /** File path, or ':memory:'. */
  file: string;
  /** 'FULL' (default) or 'NORMAL' (survives process crashes, not power loss). */
  synchronous?: 'FULL' | 'NORMAL';
  extraMigrations?: Migration[];
}

export type SqliteDb = Database.Database;

export function migrate(db: SqliteDb, migrations: Migration[]): void {
  // Migration 4 backfills alias keys lower-cased exactly as the adapters write them (String#toLowerCase).
  db.function('cognate_lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : null));
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id));
  const pending = [...migrations].sort((a, b) => a.id - b.id).filter((m) => !applied.has(m.id));
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, Date.now());
    })();
  }
}

export function openSqliteStore(opts: SqliteOptions): Store & { db: SqliteDb } {
  if (opts.file !== ':memory:') {
    mkdirSync(dirname(opts.file), { recursive: true });
    // The database holds hashes and sealed secrets: owner-only, like the other files of the data dir.
    // (SQLite gives the -wal and -shm files the database file's permissions.)
    if (!existsSync(opts.file)) writeFileSync(opts.file, '', { mode: 0o600 });
    chmodSync(opts.file, 0o600);
  }
  const db = new Database(opts.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
  migrate(db, [...sqliteMigrations, ...(opts.extraMigrations ?? [])]);
  const repos = createRepos(db);
  // Attempt counters are written on every sign-in (a wrong-password claim, then its release), so they get
  // a connection of their own without an fsync per commit (synchronous=NORMAL): in WAL mode a commit still
  // survives a crash or restart of the process, and the next commit of the main connection makes it
  // durable on disk as well; a power cut may forget the latest counts, never revocations.
  const countersDb = opts.file === ':memory:' || opts.synchronous === 'NORMAL' ? db : new Database(opts.file);
  if (countersDb !== db) {
    countersDb.pragma('synchronous = NORMAL');
    countersDb.pragma('busy_timeout = 5000');
  }
  return {
    kind: 'sqlite',
    db,
    ...repos,
    sso: createSsoRepo(db),
    identity: createIdentityRepo(db),
    oauth: createOAuthRepo(db),
    groups: createGroupRepo(db),
    mfa: createMfaRepo(db),
    limits: createLimitRepo(countersDb),
    async reset() {
      const tables = (
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('schema_migrations','meta') AND name NOT LIKE 'sqlite_%'",
          )
          .all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      db.transaction(() => {
        for (const t of tables) db.exec(`DELETE FROM "${t}"`);
      })();
    },
    async close() {
      if (countersDb !== db) countersDb.close();
      db.close();
    },
  };
}
