/** `cognate serve`: resolve the configuration, start, print where it listens and how to point the AWS CLI at it. */
import cluster from 'node:cluster';
import { ConfigError, resolveServerConfig, serverHelp } from '../config/defaults.ts';
import { SeedError } from '../config/seed-error.ts';
import { onStopSignal, SHUTDOWN_GRACE_MS } from './shutdown.ts';
import { startServer } from './start.ts';
import { StartupError } from './startup-errors.ts';

/** One line and an exit code for a start-up failure the operator can fix; anything else is a bug and rethrown. */
function startFailure(e: unknown, cfg: ReturnType<typeof resolveServerConfig>): number {
  const err = e as NodeJS.ErrnoException;
  if (err instanceof StartupError) {
    process.stderr.write(`cognate serve: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof SeedError) {
    const where = err.message.includes('seed file') ? '' : `seed file ${cfg.seedFile}: `;
    process.stderr.write(`cognate serve: ${where}${err.message}\n`);
    return 252;
  }
  if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
    process.stderr.write(`cognate serve: cannot listen on ${cfg.host}:${cfg.port}: ${err.code} (choose another --port or --host)\n`);
    return 255;
  }
  throw e;
}

export async function serveCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    process.stdout.write(serverHelp());
    return 0;
  }
  let cfg: ReturnType<typeof resolveServerConfig>;
  try {
    cfg = resolveServerConfig(argv);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`cognate serve: ${e.message}\n`);
      return 252;
    }
    throw e;
  }
  if (cfg.workers > 1 && cluster.isPrimary) {
    // Workers share the port; revocation stays exact because every check reads the shared store.
    const { startCluster } = await import('./cluster.ts');
    return startCluster(cfg).catch((e) => startFailure(e, cfg));
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(cfg);
  } catch (e) {
    return startFailure(e, cfg);
  }
  // The handler is in place before the start-up lines are printed: a supervisor that signals as soon as it
  // sees "listening" must find it (without one, Node's default action kills the process mid-start).
  // SIGTERM/SIGINT: stop accepting, let requests in flight finish (a sign-out is on disk before its answer),
  // then exit 0. A second signal exits at once.
  onStopSignal((signal) => {
    if (!cluster.isWorker) process.stderr.write(`cognate: ${signal}: finishing requests in flight, then stopping\n`);
    void server.close(SHUTDOWN_GRACE_MS).then(() => process.exit(0));
  }, !cluster.isWorker);
  if (!cluster.isWorker) {
    const log = (l: string) => process.stderr.write(`${l}\n`);
    const store = server.app.store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    log(`cognate listening on ${server.url}  (region ${cfg.region}, data in ${cfg.dataDir}, ${store})`);
    log(`  aws --endpoint-url ${server.url} cognito-idp list-user-pools --max-results 10`);
    log(`  root access key id: ${server.rootKeys.accessKeyId}`);
  }
  return new Promise<number>(() => {});
}
