// A private, throwaway PostgreSQL server: Debian's binaries (/usr/lib/postgresql/N/bin, the `postgresql`
// package scripts/install-test-tools.sh installs) run a fresh cluster in a temp dir on a free port,
// listening on 127.0.0.1 with trust auth. initdb refuses to run as root, so as root the cluster runs as
// the `postgres` user. Used by the fault tests (which stop and restart it) and `npm run bench --
// --postgres` (whose CPU accounting needs a server nobody else uses). Always destroy() it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The directory of the newest installed PostgreSQL's binaries, or of `pg_ctl` on PATH. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? join(which.stdout.trim(), '..') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Creates and starts a private cluster; `settings` are extra `-c name=value` server settings. */
export async function startPrivatePostgres({ settings = {} } = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found (install Debian's postgresql: bash scripts/install-test-tools.sh)");
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cognate-pg-'));
  const data = join(dir, 'data');
  if (root) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const as = (cmd, args) => {
    const [c, a] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(c, a, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const port = await freePort();
  as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const extra = Object.entries({ max_connections: 100, ...settings }).map(([k, v]) => `-c ${k}=${v}`);
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...extra].join(' ');
  let stopped = true;
  const pg = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid() {
      try {
        return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
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
