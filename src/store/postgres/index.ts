/**
 * The PostgreSQL adapter, for when one node is not enough: every node points at the same database,
 * and since every revocation check reads the store, a token revoked through one node is refused by all.
 * Durable on commit (PostgreSQL's default `synchronous_commit = on`).
 *
 * The URL is a libpq-style `postgres://` URL; `?schema=NAME` (or the `schema` option) keeps Cognate's
 * tables in their own schema, created if missing.
 */
import pg from 'pg';
import { schemaNameProblem } from '../../config/database.ts';
import type { Migration } from '../migrations/sqlite.ts';
import { postgresMigrations } from '../migrations/postgres.ts';
import type { Store } from '../port.ts';
import { createDb, type Db, typeParsers } from './db.ts';
import { createPostgresIdentityRepo } from './identity.ts';
import { createPostgresOAuthRepo } from './oauth.ts';
import { createPostgresGroupRepo } from './groups.ts';
import { createPostgresMfaRepo } from './mfa.ts';
import { createPostgresLimitRepo } from './limits.ts';
import { createPostgresRepos } from './repos.ts';
import { createPostgresSsoRepo } from './sso.ts';

export interface PostgresOptions {
  /** `postgres://user[:password]@host[:port]/database[?schema=NAME]` */
  url: string;
  /** Schema for Cognate's tables (default: the URL's `schema` parameter, else the server's search_path). */
  schema?: string;
  /** Pool size per node (default 10). */
  maxConnections?: number;
  /** How long to wait for a connection, new or from a full pool, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** The server cancels a statement running longer than this, in ms (default 10000; 0 = never). */
  statementTimeoutMs?: number;
  extraMigrations?: Migration[];
}

export { isPostgresUrl } from '../../config/database.ts';

/** Splits `?schema=` off the URL: it is Cognate's, and libpq would not know it. */
function parseUrl(url: string, schema: string | undefined): { connectionString: string; schema: string | undefined } {
  const u = new URL(url);
  const fromUrl = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  const s = schema ?? fromUrl;
  const problem = s === undefined ? undefined : schemaNameProblem(s);
  if (problem) throw new Error(problem);
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
    // Migrations may outlast the per-statement limit that guards requests.
    await client.query('SET statement_timeout = 0');
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
    await client.query('RESET statement_timeout').then(
      () => client.release(),
      (err: Error) => client.release(err),
    );
  }
}

/** Opens (and migrates) a PostgreSQL store. Rejects with the driver's message when the server cannot be reached. */
export async function openPostgresStore(opts: PostgresOptions): Promise<Store & { db: Db }> {
  const { connectionString, schema } = parseUrl(opts.url, opts.schema);
  const statementTimeout = opts.statementTimeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString,
    max: opts.maxConnections ?? 10,
    // Bounds both opening a connection and waiting for one when every pooled connection is busy.
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    // The server cancels a slow statement; the client gives up a little later on a server that went silent.
    statement_timeout: statementTimeout,
    ...(statementTimeout > 0 ? { query_timeout: statementTimeout + 2000 } : {}),
    keepAlive: true,
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
    oauth: createPostgresOAuthRepo(db),
    groups: createPostgresGroupRepo(db),
    mfa: createPostgresMfaRepo(db),
    limits: createPostgresLimitRepo(db),
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
