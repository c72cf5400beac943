/**
 * Start-up failures an operator can fix, each told in one line with an exit code (aws-cli v2's: 252
 * usage, 253 configuration, 255 other) instead of a driver's stack trace.
 */
import { redactDatabaseUrl } from '../config/database.ts';

/** A start-up failure already phrased for the operator. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The errno-like code of a connection error, also when Node reports several addresses (AggregateError). */
function networkCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; errors?: unknown[] };
  if (typeof err?.code === 'string') return err.code;
  const first = err?.errors?.[0] as { code?: unknown } | undefined;
  return typeof first?.code === 'string' ? first.code : undefined;
}

function where(database: string): string {
  try {
    const u = new URL(database);
    return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return `PostgreSQL at ${redactDatabaseUrl(database)}`;
  }
}

/**
 * The one line (and exit code) for an error thrown while opening the store, or undefined for an error
 * that is not a known operator mistake (shown in full, since it is a bug).
 */
export function explainStoreError(e: unknown, database: string): StartupError | undefined {
  if (e instanceof StartupError) return e;
  const err = e as Error & { code?: string; cause?: unknown };
  const code = networkCode(err) ?? networkCode(err.cause);
  const db = where(database);
  const message = String(err?.message ?? e);
  const fix = 'check --database (COGNATE_DATABASE)';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET') {
    return new StartupError(`cannot reach ${db} (${code}): is it running? ${fix}`, 255);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StartupError(`cannot reach ${db}: the host name does not resolve (${code}); ${fix}`, 255);
  }
  if (/timeout|timed out/i.test(message) && !code?.match(/^[0-9A-Z]{5}$/)) {
    return new StartupError(`cannot reach ${db}: no answer in time (${message}); ${fix} or --database-connect-timeout-ms`, 255);
  }
  // SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
  switch (code) {
    case '28P01':
    case '28000':
      return new StartupError(`${db} refused the credentials (${message}); ${fix}`, 253);
    case '3D000':
      return new StartupError(`${db}: ${message} (create it, or ${fix})`, 253);
    case '42939':
      return new StartupError(`${db}: ${message}; choose another ?schema= in --database`, 252);
    case '42501':
      return new StartupError(`${db}: ${message}; grant the database user the rights to create tables in its schema`, 253);
    case '57P03':
      return new StartupError(`${db} is starting up or shutting down (${message}); try again shortly`, 255);
  }
  if (/^PostgreSQL (schema|migration)/.test(message)) return new StartupError(message, 253);
  return undefined;
}
