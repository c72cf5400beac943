/**
 * Server configuration: every setting, its default, its flag and its environment variable, in one
 * place. Resolved flag → environment → default and validated at start-up with clear messages.
 */
import { resolve } from 'node:path';
import { databaseUrlProblem, isPostgresUrl } from './database.ts';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  region: string;
  /** The URL clients reach the server at; default http://{host}:{port}. Issuers and pages derive from it. */
  publicUrl?: string;
  /** `cognate`: iss = {publicUrl}/{poolId}; `aws`: iss = https://cognito-idp.{region}.amazonaws.com/{poolId}. */
  issuerStyle: 'cognate' | 'aws';
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** The 12-digit account id used in ARNs. */
  accountId: string;
  /** Emulator mode: accept any well-formed SigV4 signature and enable POST /_cognate/reset. Loud. */
  acceptAnyCredentials: boolean;
  /** `--seed FILE` (JSON or YAML). */
  seedFile?: string;
  /** SQLite synchronous mode: FULL (default, durable through power loss) or NORMAL. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** `sqlite` (default) or a postgres:// URL. */
  database: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Worker processes sharing the port (1 = single process). */
  workers: number;
  /** Quiet logs (tests). */
  quiet: boolean;
  /** PostgreSQL connections per node. */
  databasePoolSize: number;
  /** How long a request waits for a PostgreSQL connection (opening one, or a free one from a full pool). */
  databaseConnectTimeoutMs: number;
  /** Longest a PostgreSQL statement may run before the server cancels it (0 = no limit). */
  databaseStatementTimeoutMs: number;
  /** Log lines as JSON objects (`json`) or plain text (`text`, default). */
  logFormat: 'text' | 'json';
  /** One log line per request (operation, status, outcome, duration, request id). */
  logRequests: boolean;
  /**
   * GlobalSignOut / AdminUserGlobalSignOut also end the user's managed-login browser sessions (the next
   * /oauth2/authorize asks for the password again). Off by default: Cognito leaves that cookie alone.
   */
  globalSignOutEndsBrowserSessions: boolean;
  /** /logout also ends the grants issued through the browser session (Cognito's /logout does not). */
  logoutEndsGrants: boolean;
  /** PEM files of the optional TLS listener (see server/tls.ts). */
  tlsCert?: string;
  tlsKey?: string;
  /** Serve TLS with a self-signed certificate generated into the data dir (local use). */
  tlsSelfSigned: boolean;
  /** Port of the TLS listener (0 picks a free one). */
  tlsPort: number;
  /** Where Lambda triggers are invoked (Lambda Invoke API); default AWS's regional endpoint of the function. */
  lambdaEndpoint?: string;
  /** A JSON file mapping function ARNs to local JavaScript modules that export `handler(event)` (off by default). */
  lambdaModules?: string;
  /** Longest a client may take to send a whole request (headers and body), in ms; then 408 and close. */
  requestTimeoutMs: number;
  /** Longest a client may take to send the request headers, in ms. */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, in ms. */
  keepAliveTimeoutMs: number;
  /** Open connections allowed from one client address (0 = no limit); more are closed at once. */
  maxConnectionsPerAddress: number;
}

interface Option {
  key: keyof ServerConfig;
  flag: string;
  env: string;
  kind: 'string' | 'int' | 'bool';
  help: string;
}

export const SERVER_OPTIONS: Option[] = [
  { key: 'host', flag: '--host', env: 'COGNATE_HOST', kind: 'string', help: 'address to listen on (default 127.0.0.1)' },
  { key: 'port', flag: '--port', env: 'COGNATE_PORT', kind: 'int', help: 'port to listen on (default 4590; 0 picks a free one)' },
  { key: 'dataDir', flag: '--data-dir', env: 'COGNATE_DATA_DIR', kind: 'string', help: 'where data lives (default ./.cognate)' },
  { key: 'region', flag: '--region', env: 'COGNATE_REGION', kind: 'string', help: 'the region served (default us-east-1)' },
  { key: 'publicUrl', flag: '--public-url', env: 'COGNATE_PUBLIC_URL', kind: 'string', help: 'URL clients use to reach the server' },
  { key: 'issuerStyle', flag: '--issuer-style', env: 'COGNATE_ISSUER_STYLE', kind: 'string', help: 'cognate (default) or aws' },
  { key: 'rootAccessKeyId', flag: '--root-access-key-id', env: 'COGNATE_ROOT_ACCESS_KEY_ID', kind: 'string', help: 'root access key id' },
  {
    key: 'rootSecretAccessKey',
    flag: '--root-secret-access-key',
    env: 'COGNATE_ROOT_SECRET_ACCESS_KEY',
    kind: 'string',
    help: 'root secret access key',
  },
  {
    key: 'accountId',
    flag: '--account-id',
    env: 'COGNATE_ACCOUNT_ID',
    kind: 'string',
    help: '12-digit account id for ARNs (default 000000000000)',
  },
  {
    key: 'acceptAnyCredentials',
    flag: '--accept-any-credentials',
    env: 'COGNATE_ACCEPT_ANY_CREDENTIALS',
    kind: 'bool',
    help: 'EMULATOR ONLY: accept any SigV4 signature, enable the reset endpoint',
  },
  { key: 'seedFile', flag: '--seed', env: 'COGNATE_SEED', kind: 'string', help: 'seed file (JSON or YAML)' },
  {
    key: 'sqliteSynchronous',
    flag: '--sqlite-synchronous',
    env: 'COGNATE_SQLITE_SYNCHRONOUS',
    kind: 'string',
    help: 'FULL (default) or NORMAL',
  },
  { key: 'database', flag: '--database', env: 'COGNATE_DATABASE', kind: 'string', help: 'sqlite (default) or a postgres:// URL' },
  {
    key: 'maxBodyBytes',
    flag: '--max-body-bytes',
    env: 'COGNATE_MAX_BODY_BYTES',
    kind: 'int',
    help: 'largest request body (default 1048576)',
  },
  { key: 'workers', flag: '--workers', env: 'COGNATE_WORKERS', kind: 'int', help: 'worker processes (default 1)' },
  { key: 'quiet', flag: '--quiet', env: 'COGNATE_QUIET', kind: 'bool', help: 'log less' },
  {
    key: 'databasePoolSize',
    flag: '--database-pool-size',
    env: 'COGNATE_DATABASE_POOL_SIZE',
    kind: 'int',
    help: 'PostgreSQL connections per node (default 10)',
  },
  {
    key: 'databaseConnectTimeoutMs',
    flag: '--database-connect-timeout-ms',
    env: 'COGNATE_DATABASE_CONNECT_TIMEOUT_MS',
    kind: 'int',
    help: 'wait for a PostgreSQL connection, in ms (default 5000)',
  },
  {
    key: 'databaseStatementTimeoutMs',
    flag: '--database-statement-timeout-ms',
    env: 'COGNATE_DATABASE_STATEMENT_TIMEOUT_MS',
    kind: 'int',
    help: 'cancel a PostgreSQL statement after this many ms (default 10000; 0 = never)',
  },
  { key: 'logFormat', flag: '--log-format', env: 'COGNATE_LOG_FORMAT', kind: 'string', help: 'text (default) or json' },
  { key: 'logRequests', flag: '--log-requests', env: 'COGNATE_LOG_REQUESTS', kind: 'bool', help: 'one log line per request' },
  {
    key: 'globalSignOutEndsBrowserSessions',
    flag: '--global-sign-out-ends-browser-sessions',
    env: 'COGNATE_GLOBAL_SIGN_OUT_ENDS_BROWSER_SESSIONS',
    kind: 'bool',
    help: 'global sign-out also ends managed-login browser sessions (Cognito does not)',
  },
  {
    key: 'logoutEndsGrants',
    flag: '--logout-ends-grants',
    env: 'COGNATE_LOGOUT_ENDS_GRANTS',
    kind: 'bool',
    help: 'managed-login /logout also ends the tokens issued through that browser session (Cognito does not)',
  },
  { key: 'tlsCert', flag: '--tls-cert', env: 'COGNATE_TLS_CERT', kind: 'string', help: 'PEM certificate of the optional TLS listener' },
  { key: 'tlsKey', flag: '--tls-key', env: 'COGNATE_TLS_KEY', kind: 'string', help: 'PEM private key of the TLS listener' },
  {
    key: 'tlsSelfSigned',
    flag: '--tls-self-signed',
    env: 'COGNATE_TLS_SELF_SIGNED',
    kind: 'bool',
    help: 'TLS listener with a generated self-signed certificate (local use)',
  },
  { key: 'tlsPort', flag: '--tls-port', env: 'COGNATE_TLS_PORT', kind: 'int', help: 'port of the TLS listener (default 4591)' },
  {
    key: 'lambdaEndpoint',
    flag: '--lambda-endpoint',
    env: 'AWS_ENDPOINT_URL_LAMBDA',
    kind: 'string',
    help: 'Lambda Invoke API endpoint for triggers (default: the regional endpoint)',
  },
  {
    key: 'lambdaModules',
    flag: '--lambda-modules',
    env: 'COGNATE_LAMBDA_MODULES',
    kind: 'string',
    help: 'JSON file mapping trigger ARNs to local JS modules (docs/lambda-triggers.md)',
  },
  {
    key: 'requestTimeoutMs',
    flag: '--request-timeout-ms',
    env: 'COGNATE_REQUEST_TIMEOUT_MS',
    kind: 'int',
    help: 'time to receive a whole request, in ms (default 30000)',
  },
  {
    key: 'headersTimeoutMs',
    flag: '--headers-timeout-ms',
    env: 'COGNATE_HEADERS_TIMEOUT_MS',
    kind: 'int',
    help: 'time to receive the request headers, in ms (default 10000)',
  },
  {
    key: 'keepAliveTimeoutMs',
    flag: '--keep-alive-timeout-ms',
    env: 'COGNATE_KEEP_ALIVE_TIMEOUT_MS',
    kind: 'int',
    help: 'idle keep-alive connections close after this many ms (default 65000)',
  },
  {
    key: 'maxConnectionsPerAddress',
    flag: '--max-connections-per-address',
    env: 'COGNATE_MAX_CONNECTIONS_PER_ADDRESS',
    kind: 'int',
    help: 'open connections allowed from one client address (default 512; 0 = no limit)',
  },
];

export const DEFAULTS: ServerConfig = {
  host: '127.0.0.1',
  port: 4590,
  dataDir: './.cognate',
  region: 'us-east-1',
  issuerStyle: 'cognate',
  accountId: '000000000000',
  acceptAnyCredentials: false,
  sqliteSynchronous: 'FULL',
  database: 'sqlite',
  maxBodyBytes: 1024 * 1024,
  workers: 1,
  quiet: false,
  databasePoolSize: 10,
  databaseConnectTimeoutMs: 5000,
  databaseStatementTimeoutMs: 10_000,
  logFormat: 'text',
  logRequests: false,
  globalSignOutEndsBrowserSessions: false,
  logoutEndsGrants: false,
  tlsSelfSigned: false,
  tlsPort: 4591,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  maxConnectionsPerAddress: 512,
};

export class ConfigError extends Error {}

function parseValue(o: Option, raw: string): unknown {
  if (o.kind === 'int') {
    if (!/^\d+$/.test(raw)) throw new ConfigError(`${o.flag} (${o.env}) must be a whole number, got "${raw}"`);
    return Number(raw);
  }
  if (o.kind === 'bool') return !['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase());
  return raw;
}

/** Resolves flag → environment → default, then validates. */
export function resolveServerConfig(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const cfg: Record<string, unknown> = { ...DEFAULTS };
  for (const o of SERVER_OPTIONS) {
    const v = env[o.env];
    if (v !== undefined && v !== '') cfg[o.key] = parseValue(o, v);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const o = SERVER_OPTIONS.find((x) => x.flag === name);
    if (!o) throw new ConfigError(`unknown option ${arg} (see cognate serve --help)`);
    if (o.kind === 'bool' && inline === undefined) {
      cfg[o.key] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new ConfigError(`${o.flag} needs a value`);
    cfg[o.key] = parseValue(o, raw);
  }
  Object.assign(cfg, overrides);
  const c = cfg as unknown as ServerConfig;
  if (c.port > 65535) throw new ConfigError(`--port must be 0–65535, got ${c.port}`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(c.region)) throw new ConfigError(`--region "${c.region}" is not a region name like us-east-1`);
  if (!['cognate', 'aws'].includes(c.issuerStyle)) throw new ConfigError('--issuer-style must be cognate or aws');
  if (!/^\d{12}$/.test(c.accountId)) throw new ConfigError('--account-id must be 12 digits');
  c.sqliteSynchronous = String(c.sqliteSynchronous).toUpperCase() as ServerConfig['sqliteSynchronous'];
  if (!['FULL', 'NORMAL'].includes(c.sqliteSynchronous)) throw new ConfigError('--sqlite-synchronous must be FULL or NORMAL');
  if (Boolean(c.rootAccessKeyId) !== Boolean(c.rootSecretAccessKey)) {
    throw new ConfigError('set both COGNATE_ROOT_ACCESS_KEY_ID and COGNATE_ROOT_SECRET_ACCESS_KEY, or neither');
  }
  if (c.workers < 1) throw new ConfigError('--workers must be at least 1');
  if (c.database !== 'sqlite' && !isPostgresUrl(c.database)) {
    throw new ConfigError(`--database must be sqlite or a postgres:// URL, got "${c.database}"`);
  }
  const dbProblem = isPostgresUrl(c.database) ? databaseUrlProblem(c.database) : undefined;
  if (dbProblem) throw new ConfigError(dbProblem);
  if (c.databasePoolSize < 1) throw new ConfigError('--database-pool-size must be at least 1');
  if (c.databaseConnectTimeoutMs < 1) throw new ConfigError('--database-connect-timeout-ms must be at least 1');
  if (!['text', 'json'].includes(c.logFormat)) throw new ConfigError('--log-format must be text or json');
  if (c.lambdaEndpoint !== undefined && !/^https?:\/\/[^/]/.test(c.lambdaEndpoint)) {
    throw new ConfigError(`--lambda-endpoint (AWS_ENDPOINT_URL_LAMBDA) must be an http(s):// URL, got "${c.lambdaEndpoint}"`);
  }
  if (c.lambdaModules !== undefined) c.lambdaModules = resolve(c.lambdaModules);
  if (c.requestTimeoutMs < 1 || c.headersTimeoutMs < 1 || c.keepAliveTimeoutMs < 1) {
    throw new ConfigError('--request-timeout-ms, --headers-timeout-ms and --keep-alive-timeout-ms must be at least 1');
  }
  if (c.headersTimeoutMs > c.requestTimeoutMs) throw new ConfigError('--headers-timeout-ms must not exceed --request-timeout-ms');
  c.dataDir = resolve(c.dataDir);
  return c;
}

export function serverHelp(): string {
  const names = SERVER_OPTIONS.map((o) => `${o.flag}${o.kind === 'bool' ? '' : ' VALUE'}`);
  // Descriptions start in one column, two spaces after the longest option.
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const lines = SERVER_OPTIONS.map((o, i) => `  ${(names[i] as string).padEnd(width)}${o.help} [${o.env}]`);
  return `usage: cognate serve [options]\n\n${lines.join('\n')}\n`;
}
