/**
 * PostgreSQL for tests: the server named by COGNATE_TEST_POSTGRES_URL (default the local one CI starts),
 * and a unique schema per run so parallel runs never collide. Tests using it declare `needs: ['postgres']`
 * (test/helpers/tools.ts): without a reachable server they are skipped, counted, with the install command.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.COGNATE_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** The server URL with `?schema=` naming this run's schema (what `--database` takes). */
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${(e as Error).message}). ` +
        'Start it (.ci/run installs and starts one) or set COGNATE_TEST_POSTGRES_URL.',
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Rejects with the "not reachable" message unless the server answers a query. */
export async function assertPostgresReachable(): Promise<void> {
  await admin((c) => c.query('SELECT 1'));
}

/** Creates an empty schema unique to this run. */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const schema = `cognate_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  const u = new URL(TEST_POSTGRES_URL);
  u.searchParams.set('schema', schema);
  return {
    url: u.toString(),
    schema,
    drop: () => admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}
