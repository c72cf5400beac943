/**
 * A thin layer over a `pg` pool: one-statement queries, and transactions on one pooled connection.
 * Every repository method is one statement (atomic on its own) or one transaction.
 */
import pg from 'pg';
import { asStoreError } from '../errors.ts';
import type { Row } from '../rows.ts';

/** Something that runs statements: the pool itself, or the connection a transaction holds. */
export interface Querier {
  /** The rows of a statement. */
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The first row of a statement, if any. */
  row(sql: string, params?: unknown[]): Promise<Row | undefined>;
  /** How many rows a statement changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface Db extends Querier {
  readonly pool: pg.Pool;
  /** Runs `fn` in one transaction (READ COMMITTED), committing when it resolves, rolling back when it throws. */
  tx<T>(fn: (q: Querier) => Promise<T>): Promise<T>;
}

/** Runs one statement; a lost or silent database becomes StoreUnavailableError. */
async function query(c: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<pg.QueryResult> {
  try {
    return await c.query(sql, params);
  } catch (e) {
    throw asStoreError(e);
  }
}

function querier(c: pg.Pool | pg.PoolClient): Querier {
  return {
    async rows(sql, params = []) {
      return (await query(c, sql, params)).rows as Row[];
    },
    async row(sql, params = []) {
      return (await query(c, sql, params)).rows[0] as Row | undefined;
    },
    async run(sql, params = []) {
      return (await query(c, sql, params)).rowCount ?? 0;
    },
  };
}

export function createDb(pool: pg.Pool): Db {
  return {
    pool,
    ...querier(pool),
    async tx(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw asStoreError(e);
      }
      try {
        await query(client, 'BEGIN', []);
        const out = await fn(querier(client));
        await query(client, 'COMMIT', []);
        client.release();
        return out;
      } catch (e) {
        // A connection whose rollback fails is in an unknown state: destroy it rather than reuse it.
        await client.query('ROLLBACK').then(
          () => client.release(),
          (err: Error) => client.release(err),
        );
        throw e;
      }
    },
  };
}

/** Epoch-millisecond columns are BIGINT; `pg` returns those as strings unless told otherwise. */
export const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;
