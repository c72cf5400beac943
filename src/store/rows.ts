/**
 * What both store adapters share when turning rows into records and back. The two databases return the
 * same column names and the same values but for booleans (SQLite stores 0/1, PostgreSQL returns true/false):
 * epoch-millisecond BIGINT columns are numbers in both, because the PostgreSQL pool parses INT8 (postgres/db.ts).
 * The per-area mappings are in rows-user-pools.ts, rows-sso.ts and rows-identity.ts.
 */
import type { Page } from './port.ts';

/** A row as the driver returns it, keyed by column name. */
export type Row = Record<string, unknown>;

/** How one database stores a boolean column. */
export interface Flags {
  read(v: unknown): boolean;
  write(b: boolean): unknown;
}

/** SQLite has no boolean type: 1 is true, anything else false. */
export const sqliteFlags: Flags = { read: (v) => v === 1, write: (b) => (b ? 1 : 0) };

/** PostgreSQL BOOLEAN columns arrive as JS booleans, and `pg` sends booleans as they are. */
export const postgresFlags: Flags = { read: (v) => v === true, write: (b) => b };

/** `{ items, next }` from `limit + 1` rows: the extra row only says that another page exists. */
export function page<T>(rows: T[], limit: number, keyOf: (t: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: keyOf(items[items.length - 1] as T) };
}

/** The parsed JSON `data` column of a row, or undefined when there is no row. */
export function dataOf<T>(r: Row | undefined): T | undefined {
  return r ? (JSON.parse(r.data as string) as T) : undefined;
}

/** `map(r)` when a statement returned a row, undefined when it returned none. */
export function mapRow<T>(r: Row | undefined, map: (r: Row) => T): T | undefined {
  return r ? map(r) : undefined;
}
