/** A private, throwaway PostgreSQL server (see private-postgres.mjs). */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  /** The postmaster's pid (its backends are its children), for CPU accounting. */
  pid(): number | undefined;
  /** Fast shutdown (connections are ended, the data is kept). */
  stop(): void;
  start(): void;
  /** Stops the server (if running) and removes its directory. */
  destroy(): void;
}
export function postgresBinDir(): string | undefined;
export function startPrivatePostgres(opts?: { settings?: Record<string, string | number> }): Promise<PrivatePostgres>;
