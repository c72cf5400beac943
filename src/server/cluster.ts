/** `--workers N`: N processes share the listening port; the SQLite file (WAL) is shared between them. */
import cluster from 'node:cluster';
import type { ServerConfig } from '../config/defaults.ts';
import { onStopSignal } from './shutdown.ts';
import { startServer } from './start.ts';

export async function startCluster(cfg: ServerConfig): Promise<number> {
  // The primary prepares the data dir (migrations, keys) once, then hands the port to the workers.
  const boot = await startServer({ ...cfg, port: 0, quiet: true });
  await boot.close();
  for (let i = 0; i < cfg.workers; i++) cluster.fork();
  process.stderr.write(`cognate: ${cfg.workers} workers on ${cfg.host}:${cfg.port} (data in ${cfg.dataDir})\n`);
  cluster.on('exit', (w, code) => {
    process.stderr.write(`cognate: worker ${w.process.pid} exited with ${code}\n`);
  });
  // Each worker drains its own requests on SIGTERM; the primary exits when the last one has.
  onStopSignal(() => {
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    if (workers.length === 0) process.exit(0);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
    for (const w of workers) w.kill('SIGTERM');
  });
  return new Promise<number>(() => {});
}
