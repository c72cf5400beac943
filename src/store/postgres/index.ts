/**
 * The PostgreSQL adapter, for when one node is not enough: every node points at the same database,
 * and since every revocation check reads the store, a token revoked through one node is refused by all.
 * Durable on commit (PostgreSQL's default `synchronous_commit = on`).
 *
 * The URL is a libpq-style `postgres://` URL; `?schema=NAME` (or the `schema` option) keeps Cognate's
 * tables in their own schema, created if missing.
 */
import pg from 'pg';
import type { Migration } from '../migrations/sqlite.ts';
import { postgresMigrations } from '../migrations/postgres.ts';
import type { Store } from '../port.ts';
import { createDb, type Db, typeParsers } from './db.ts';
import { createPostgresIdentityRepo } from './identity.ts';
import { createPostgresRepos } from './repos.ts';
import { createPostgresSsoRepo } from './sso.ts';

export interface PostgresOptions {
  /** `postgres://user[:password]@host[:port]/database[?schema=NAME]` */
  url: string;
  /** Schema for Cognate's tables (default: the URL's `schema` parameter, else the server's search_path). */
  schema?: string;
  /** Pool size per node (default 10). */
  maxConnections?: number;
  extraMigrations?: Migration[];
}

/** Plain lower-case identifiers only: the name goes into the connection's search_path unquoted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** True when `database` names a PostgreSQL server rather than the embedded SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/** Splits `?schema=` off the URL: it is Cognate's, and libpq would not know it. */
function parseUrl(url: string, schema: string | undefined): { connectionString: string; schema: string | undefined } {
  const u = new URL(url);
  const fromUrl = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  const s = schema ?? fromUrl;
  if (s !== undefined && !SCHEMA_NAME.test(s)) {
    throw new Error(`PostgreSQL schema "${s}" must be a lower-case identifier (letters, digits, underscores)`);
  }
  return { connectionString: u.toString(), schema: s };
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so that nodes
 * starting together do not both apply one.
 */
export async function migratePostgres(pool: pg.Pool, schema: string | undefined, migrations: Migration[]): Promise<void> {
  const client = await pool.connect();
  const lockKey = `cognate:migrations:${schema ?? ''}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const applied = new Set((await client.query('SELECT id FROM schema_migrations')).rows.map((r: { id: number }) => r.id));
      for (const m of [...migrations].sort((a, b) => a.id - b.id).filter((x) => !applied.has(x.id))) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.id} (${m.name}) failed: ${(e as Error).message}`);
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    client.release();
  }
}

/** Opens (and migrates) a PostgreSQL store. Rejects with the driver's message when the server cannot be reached. */
export async function openPostgresStore(opts: PostgresOptions): Promise<Store & { db: Db }> {
  const { connectionString, schema } = parseUrl(opts.url, opts.schema);
  const pool = new pg.Pool({
    connectionString,
    max: opts.maxConnections ?? 10,
    types: typeParsers,
    // Every pooled connection resolves table names in Cognate's schema.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool, schema, [...postgresMigrations, ...(opts.extraMigrations ?? [])]);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const db = createDb(pool);
  return {
    kind: 'postgres',
    db,
    ...createPostgresRepos(db),
    sso: createPostgresSsoRepo(db),
    identity: createPostgresIdentityRepo(db),
    async reset() {
      const tables = (
        await db.rows(
          "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migrations', 'meta') ORDER BY tablename",
        )
      ).map((r) => `"${r.tablename as string}"`);
      if (tables.length > 0) await db.run(`TRUNCATE ${tables.join(', ')}`);
    },
    async close() {
      await pool.end();
    },
  };
}
