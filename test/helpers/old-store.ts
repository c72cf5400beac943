/**
 * A migration test's scaffolding: a database written before migration `upTo` (migrated to just before it,
 * then seeded with rows as the older code wrote them), opened by the adapter (which runs the rest of the
 * migrations) and handed to `check`; everything is closed and removed afterwards. `rawUserData` reads the
 * users' `data` column as stored, beside the open store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresMigrations } from '../../src/store/migrations/postgres.ts';
import { sqliteMigrations } from '../../src/store/migrations/sqlite.ts';
import type { Store } from '../../src/store/port.ts';
import { migratePostgres, openPostgresStore } from '../../src/store/postgres/index.ts';
import { migrate, openSqliteStore } from '../../src/store/sqlite/index.ts';
import { createTestSchema } from './postgres.ts';

export type UpgradeCheck = (store: Store, rawUserData: () => Promise<string[]>) => Promise<void>;

/** SQLite: a database file in a fresh temporary directory (named by `dirPrefix`). */
export async function upgradeSqlite(
  dirPrefix: string,
  upTo: number,
  seed: (db: Database.Database) => void,
  check: UpgradeCheck,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const file = join(dir, 'old.db');
  try {
    const db = new Database(file);
    migrate(
      db,
      sqliteMigrations.filter((m) => m.id < upTo),
    );
    seed(db);
    db.close();
    const store = openSqliteStore({ file });
    const raw = new Database(file, { readonly: true });
    try {
      await check(store, async () => (raw.prepare('SELECT data FROM users').all() as { data: string }[]).map((r) => r.data));
    } finally {
      raw.close();
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL: a fresh test schema (named by `schemaLabel`), seeded through its own pool. */
export async function upgradePostgres(
  schemaLabel: string,
  upTo: number,
  seed: (pool: pg.Pool) => Promise<void>,
  check: UpgradeCheck,
): Promise<void> {
  const schema = await createTestSchema(schemaLabel);
  try {
    const pool = new pg.Pool({ connectionString: schema.url.replace(/\?schema=.*/, ''), options: `-c search_path=${schema.schema}` });
    try {
      await migratePostgres(
        pool,
        schema.schema,
        postgresMigrations.filter((m) => m.id < upTo),
      );
      await seed(pool);
      const store = await openPostgresStore({ url: schema.url });
      try {
        await check(store, async () => (await pool.query('SELECT data FROM users')).rows.map((r) => r.data as string));
      } finally {
        await store.close();
      }
    } finally {
      await pool.end();
    }
  } finally {
    await schema.drop();
  }
}
