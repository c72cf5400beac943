/**
 * Starts a Cognate server: opens the store, loads or creates the instance secrets (master key, root
 * keys), wires the services and listens. Used by `cognate serve` and by the tests (port 0).
 */
import { installLambdaInvoker } from '../lambda/index.ts';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ServerConfig } from '../config/defaults.ts';
import { App } from '../domain/app.ts';
import { type Clock, systemClock } from '../domain/clock.ts';
import { RootKeys } from '../domain/credentials.ts';
import { newAccessKeyId, newSecretAccessKey } from '../domain/ids.ts';
import { FileOutbox } from '../domain/outbox.ts';
import { Sealer } from '../domain/seal.ts';
import { TemporaryKeys } from '../domain/temporary-keys.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/port.ts';
import { capConnectionsPerAddress } from './connection-limits.ts';
import { createHttpServer } from './http.ts';
import { createLogger } from './logger.ts';
import { Observability } from './observability.ts';
import { operationsRoutes } from './operations-routes.ts';
import { drainServer } from './shutdown.ts';
import { timedStore } from './store-timing.ts';
import { type TlsListener, startTlsListener } from './tls.ts';
import { buildRoutes, runStartupHooks } from './routes.ts';
import { checkMasterKey, sharedRootKeys } from './shared-secrets.ts';
import { StartupError, explainStoreError } from './startup-errors.ts';

export interface RunningServer {
  url: string;
  port: number;
  app: App;
  /** Metrics, logs and lifecycle state of this node. */
  obs: Observability;
  rootKeys: { accessKeyId: string; secretAccessKey: string };
  /** The optional TLS listener (--tls-cert/--tls-key or --tls-self-signed). */
  tls?: { url: string; port: number };
  /** Stops: in-flight requests get up to `graceMs` to finish (default 0: cut at once), then the store closes. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Replace the store (tests of other adapters). */
  store?: Store;
  log?: (line: string) => void;
}

function writeSecretFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function loadMasterKey(dataDir: string): Buffer {
  const env = process.env.COGNATE_MASTER_KEY;
  if (env) {
    const k = Buffer.from(env, 'base64');
    if (k.length !== 32) throw new StartupError('COGNATE_MASTER_KEY must be 32 bytes, base64-encoded', 253);
    return k;
  }
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const k = randomBytes(32);
  writeSecretFile(file, `${k.toString('base64')}\n`);
  return k;
}

function loadRootKeys(cfg: ServerConfig, log: (l: string) => void): { accessKeyId: string; secretAccessKey: string } {
  if (cfg.rootAccessKeyId && cfg.rootSecretAccessKey) {
    return { accessKeyId: cfg.rootAccessKeyId, secretAccessKey: cfg.rootSecretAccessKey };
  }
  const file = join(cfg.dataDir, 'root-credentials.json');
  if (existsSync(file)) {
    const k = JSON.parse(readFileSync(file, 'utf8'));
    log(`root access key id: ${k.accessKeyId} (secret in ${file})`);
    return k;
  }
  const k = { accessKeyId: newAccessKeyId('AKIA'), secretAccessKey: newSecretAccessKey() };
  writeSecretFile(file, `${JSON.stringify(k, null, 2)}\n`);
  log('generated root credentials (shown once; also stored 0600 in the data dir):');
  log(`  export AWS_ACCESS_KEY_ID=${k.accessKeyId}`);
  log(`  export AWS_SECRET_ACCESS_KEY=${k.secretAccessKey}`);
  return k;
}

/**
 * The store `--database` names: a `postgres://` / `postgresql://` URL opens PostgreSQL (imported only
 * then, so the CLI never loads `pg`); anything else is the embedded SQLite file in the data dir.
 */
async function openStore(cfg: ServerConfig): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(cfg.database)) {
    const { openPostgresStore } = await import('../store/postgres/index.ts');
    try {
      return await openPostgresStore({
        url: cfg.database,
        maxConnections: cfg.databasePoolSize,
        connectTimeoutMs: cfg.databaseConnectTimeoutMs,
        statementTimeoutMs: cfg.databaseStatementTimeoutMs,
      });
    } catch (e) {
      throw explainStoreError(e, cfg.database) ?? e;
    }
  }
  return openSqliteStore({ file: join(cfg.dataDir, 'cognate.db'), synchronous: cfg.sqliteSynchronous });
}

export async function startServer(cfg: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const sink = opts.log ?? (cfg.quiet ? () => {} : (l: string) => process.stderr.write(`${l}\n`));
  const logger = createLogger(cfg.logFormat, sink);
  const log = logger.line;
  const obs = new Observability(cfg, logger);
  mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  if (cfg.acceptAnyCredentials) {
    log('WARNING: --accept-any-credentials is on. Signed operations accept ANY credentials and POST /_cognate/reset');
    log('WARNING: wipes all data. This is an emulator mode for local test suites; never expose it.');
  }
  const sealer = new Sealer(loadMasterKey(cfg.dataDir));
  const rawStore = opts.store ?? (await openStore(cfg));
  const store = timedStore(rawStore, obs.metrics);
  try {
    await checkMasterKey(store, sealer, store.kind === 'postgres' ? 'the PostgreSQL database' : join(cfg.dataDir, 'cognate.db'));
  } catch (e) {
    await store.close();
    throw explainStoreError(e, cfg.database) ?? e;
  }
  const app = new App({
    config: cfg,
    store,
    clock: opts.clock ?? systemClock,
    sealer,
    outbox: new FileOutbox(cfg.dataDir, log),
    log,
  });
  // On PostgreSQL the nodes share one pair of root keys through the database (unless set explicitly).
  const rootKeys =
    store.kind === 'postgres' && !(cfg.rootAccessKeyId && cfg.rootSecretAccessKey)
      ? await sharedRootKeys(store, sealer, log)
      : loadRootKeys(cfg, log);
  app.addKeySource(new RootKeys(rootKeys.accessKeyId, rootKeys.secretAccessKey, cfg.accountId));
  app.addKeySource(new TemporaryKeys(app));
  let routes: ReturnType<typeof buildRoutes>;
  try {
    installLambdaInvoker(app);
    routes = buildRoutes(app);
    routes.rest.unshift(...operationsRoutes(app, obs));
  } catch (e) {
    await store.close();
    throw e;
  }
  const server = createHttpServer(app, routes, obs);
  capConnectionsPerAddress(server, cfg.maxConnectionsPerAddress);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(cfg.port, cfg.host, () => resolve());
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  let tls: TlsListener | undefined;
  try {
    tls = await startTlsListener(cfg, server, log);
    if (tls) capConnectionsPerAddress(tls.server, cfg.maxConnectionsPerAddress);
  } catch (e) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const host = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host;
  const url = `http://${host}:${port}`;
  app.setBaseUrl(url);
  // Tokens' issuer: the public URL of the first start, kept in the store, so a restart on another port
  // still accepts the tokens it issued; an explicit --public-url sets it.
  const firstUrl = await store.meta.setIfAbsent('issuer-base-url', app.publicUrl);
  app.setIssuerBase(cfg.publicUrl ? app.publicUrl : firstUrl);
  try {
    await runStartupHooks(app);
  } catch (e) {
    // A seed the operations refuse: stop cleanly instead of leaving a half-started server.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    throw e;
  }
  // Housekeeping: grants whose refresh validity ended a day ago can no longer be presented; drop them.
  const purge = setInterval(() => {
    void app.store.grants.purgeExpired(app.now() - 86_400_000).catch((e) => log(`purge failed: ${e}`));
  }, 3_600_000);
  purge.unref();
  return {
    url,
    port,
    app,
    obs,
    rootKeys,
    ...(tls ? { tls: { url: tls.url, port: tls.port } } : {}),
    async close(graceMs = 0) {
      obs.shuttingDown = true;
      clearInterval(purge);
      if (tls) await drainServer(tls.server as unknown as Parameters<typeof drainServer>[0], graceMs);
      await drainServer(server, graceMs);
      await store.close();
    },
  };
}
