// Starting the servers under test on loopback: Cognate (SQLite), moto_server, cognito-local, the echo
// ceiling. Each returns { name, url, pid, credentials, proc, stop() }.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startProcess, waitReady } from './procs.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const SCRATCH = join(ROOT, 'bench', '.scratch');
export const ROOT_KEYS = { accessKeyId: 'AKIABENCHMARKROOT001', secretAccessKey: 'bench-root-secret-not-for-production-0000' };
const DUMMY_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

async function httpOk(url, init) {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  await r.arrayBuffer();
  return r.status < 500;
}

export function tempDir(label) {
  mkdirSync(join(SCRATCH, 'tmp'), { recursive: true });
  return mkdtempSync(join(SCRATCH, 'tmp', `${label}-`));
}

/**
 * Builds the bundle exactly as `npm run build` does (scripts/build.mjs), but into bench/.scratch/build,
 * so that a rebuild of dist/ while the bench runs cannot pull the files from under it, with a copy of
 * bin/ beside it. Returns that copy's bin/cognate.js.
 */
export function buildSnapshot() {
  const dir = join(SCRATCH, 'build');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'src'))) symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
  // A copy, not a link: bin/cognate.js loads the dist/ beside its own real path.
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  cognateEntry = join(dir, 'bin', 'cognate.js');
  return cognateEntry;
}

/** The bundle the bench runs (the snapshot once built, else the repository's bin). */
export let cognateEntry = join(ROOT, 'bin', 'cognate.js');

/** `cognate serve` as a user runs it (the bundle bin/cognate.js loads). */
export async function startCognate({
  workers = 1,
  dataDir = tempDir('cognate'),
  nodeArgs = [],
  label = 'cognate',
  args = [],
  env = {},
} = {}) {
  const port = await freePort();
  const proc = startProcess(
    label,
    process.execPath,
    [...nodeArgs, cognateEntry, 'serve', '--port', String(port), '--data-dir', dataDir, '--workers', String(workers), ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        COGNATE_ROOT_ACCESS_KEY_ID: ROOT_KEYS.accessKeyId,
        COGNATE_ROOT_SECRET_ACCESS_KEY: ROOT_KEYS.secretAccessKey,
        NODE_NO_WARNINGS: '1',
        ...env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(`${url}/health`));
  return { name: label, url, port, pid: proc.pid, dataDir, credentials: ROOT_KEYS, proc, stop: () => proc.stop() };
}

export async function startMoto() {
  const port = await freePort();
  const proc = startProcess('moto', 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env } });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(`${url}/moto-api/`));
  // Werkzeug answers `Connection: close`; the node:http generator reconnects as clients do.
  return { name: 'moto', url, port, pid: proc.pid, credentials: DUMMY_KEYS, engine: 'node-http', proc, stop: () => proc.stop() };
}

/** Installs cognito-local into bench/.scratch on first use (it is a peer, not a dependency). */
export function ensureCognitoLocal(log) {
  const bin = join(SCRATCH, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js');
  if (existsSync(bin)) return bin;
  log('installing cognito-local into bench/.scratch (first run only)…');
  mkdirSync(SCRATCH, { recursive: true });
  const r = spawnSync('npm', ['install', '--prefix', SCRATCH, '--no-audit', '--no-fund', '--no-save', 'cognito-local'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0 || !existsSync(bin)) throw new Error(`npm install cognito-local failed: ${r.stderr?.slice(-500)}`);
  return bin;
}

export async function startCognitoLocal(bin) {
  const port = await freePort();
  const cwd = tempDir('cognito-local');
  // Its default pool config makes the user name an e-mail address; plain user names, as in the others.
  mkdirSync(join(cwd, '.cognito', 'db'), { recursive: true });
  writeFileSync(join(cwd, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  const proc = startProcess('cognito-local', process.execPath, [bin], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(`${url}/health`));
  return { name: 'cognito-local', url, port, pid: proc.pid, credentials: DUMMY_KEYS, proc, stop: () => proc.stop() };
}

export async function startEcho() {
  const port = await freePort();
  const proc = startProcess('echo', process.execPath, [join(ROOT, 'bench', 'lib', 'echo-server.mjs'), String(port)]);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(url, { method: 'POST', body: '{}' }));
  return { name: 'node:http echo', url, port, pid: proc.pid, proc, stop: () => proc.stop() };
}
