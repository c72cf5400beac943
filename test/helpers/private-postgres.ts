/**
 * A private PostgreSQL server for fault tests (stopping and restarting the database), never the shared
 * one the rest of the suite uses. Debian's binaries (/usr/lib/postgresql/N/bin, the `postgresql` package
 * that scripts/install-test-tools.sh installs) run a throwaway cluster in a temp dir on a free port,
 * listening on 127.0.0.1 with trust auth. initdb refuses to run as root, so as root the cluster is run
 * by the `postgres` user. Always `destroy()` it (in `after`, or `finally`): it stops the server and
 * removes the directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  /** The postmaster's pid (its backends are its children), for CPU accounting. */
  pid(): number | undefined;
  stop(): void;
  start(): void;
  destroy(): void;
}

/** The directory of Debian's PostgreSQL binaries (the newest installed), or of `pg_ctl` on PATH. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return which.status === 0 ? join(which.stdout.trim(), '..') : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Creates and starts a private cluster. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found (install Debian's postgresql: bash scripts/install-test-tools.sh)");
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cognate-pg-'));
  const data = join(dir, 'data');
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const as = (cmd: string, args: string[]) => {
    const [c, a] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(c, a as string[], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const port = await freePort();
  as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  let stopped = true;
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid() {
      try {
        const line = execFileSync('head', ['-1', join(data, 'postmaster.pid')], { encoding: 'utf8' }).trim();
        return Number(line) || undefined;
      } catch {
        return undefined;
      }
    },
    start() {
      as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
      stopped = false;
    },
    stop() {
      if (stopped) return;
      as('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      stopped = true;
    },
    destroy() {
      try {
        if (!stopped) as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        stopped = true;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    pg.start();
  } catch (e) {
    pg.destroy();
    throw e;
  }
  return pg;
}
