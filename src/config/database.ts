/**
 * The `--database` setting checked before anything opens: a URL the driver can parse, and a schema name
 * PostgreSQL accepts. A refusal is one line naming the setting, never a driver stack trace.
 */

/** Plain lower-case identifiers only: the name goes into the connection's search_path unquoted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** True when `database` names a PostgreSQL server rather than the embedded SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/** Why a schema name cannot be used, or undefined when it can. */
export function schemaNameProblem(schema: string): string | undefined {
  if (!SCHEMA_NAME.test(schema)) {
    return `PostgreSQL schema "${schema}" must be a lower-case identifier (letters, digits, underscores; at most 63)`;
  }
  // PostgreSQL reserves the pg_ prefix for its own schemas and refuses CREATE SCHEMA pg_anything.
  if (schema.startsWith('pg_')) return `PostgreSQL schema "${schema}" starts with pg_, which PostgreSQL reserves for itself`;
  return undefined;
}

/** The URL as it may be shown in logs and messages: the password replaced with `***`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** Why a `postgres://` URL cannot be used (unparseable, bad schema), or undefined when it can. */
export function databaseUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--database "${redactDatabaseUrl(url)}" is not a valid URL (expected postgres://user[:password]@host[:port]/database[?schema=NAME])`;
  }
  if (!u.hostname && !u.searchParams.get('host')) return `--database "${redactDatabaseUrl(url)}" names no host`;
  const schema = u.searchParams.get('schema');
  if (schema !== null) {
    const p = schemaNameProblem(schema);
    if (p) return `--database: ${p}`;
  }
  return undefined;
}
