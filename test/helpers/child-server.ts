/** The real `cognate serve` as a child process (for restarts and `kill -9`), alone or as a `--workers 2` cluster. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildServer {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  rootKeys: { accessKeyId: string; secretAccessKey: string };
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

export const CHILD_ROOT_KEYS = { accessKeyId: 'AKIACOGNATETESTROOT1', secretAccessKey: 'cognate-test-root-secret-key-000000000000' };

export function startChildServer(
  dataDir = mkdtempSync(join(tmpdir(), 'cognate-child-')),
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['bin/cognate.js', 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
      env: {
        ...process.env,
        COGNATE_ROOT_ACCESS_KEY_ID: CHILD_ROOT_KEYS.accessKeyId,
        COGNATE_ROOT_SECRET_ACCESS_KEY: CHILD_ROOT_KEYS.secretAccessKey,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20_000);
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, proc, dataDir, rootKeys: CHILD_ROOT_KEYS, stderr: () => err });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

/** Starts again on the same data dir and port (issuers include the port). */
export function restartChildServer(s: ChildServer, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  return startChildServer(s.dataDir, ['--port', new URL(s.url).port, ...extraArgs], env);
}

/** SIGKILL, and wait until the process is gone. */
export function kill9(s: ChildServer): Promise<void> {
  return new Promise((resolve) => {
    // Already gone (exited, or killed by a signal: then exitCode stays null and signalCode is set).
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) return resolve();
    s.proc.removeAllListeners('exit');
    s.proc.once('exit', () => resolve());
    s.proc.kill('SIGKILL');
  });
}

/** A free TCP port (cluster workers cannot report a port 0 back, so the test picks one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Cluster {
  url: string;
  proc: ChildProcess;
  dataDir: string;
}

/** `cognate serve --workers 2` as a child process; resolves once the port answers. */
export async function startCluster(dataDir: string, port: number): Promise<Cluster> {
  const proc = spawn(process.execPath, ['bin/cognate.js', 'serve', '--port', String(port), '--data-dir', dataDir, '--workers', '2'], {
    env: {
      ...process.env,
      COGNATE_ROOT_ACCESS_KEY_ID: CHILD_ROOT_KEYS.accessKeyId,
      COGNATE_ROOT_SECRET_ACCESS_KEY: CHILD_ROOT_KEYS.secretAccessKey,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`cluster exited: ${err}`);
    try {
      await fetch(`${url}/`, { method: 'POST', headers: { 'x-amz-target': 'x.y' }, body: '{}' });
      return { url, proc, dataDir };
    } catch {
      if (Date.now() > deadline) throw new Error(`cluster did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** SIGTERM to the primary (which stops its workers); waits until the port is closed. */
export async function stopCluster(c: Cluster): Promise<void> {
  if (c.proc.exitCode === null) {
    const exited = new Promise((r) => c.proc.once('exit', r));
    c.proc.kill('SIGTERM');
    await exited;
  }
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${c.url}/`, { method: 'POST', body: '{}' });
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      return;
    }
  }
}
