/** The real `cognate serve` as a child process (for restarts and `kill -9`). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
