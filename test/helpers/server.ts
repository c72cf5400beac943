/**
 * Test harness: the real Cognate server on port 0 (in-process, fresh data dir), and real clients
 * pointed at it — the AWS SDK v3, the installed AWS CLI v1 and boto3 (through python3).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { resolveServerConfig, type ServerConfig } from '../../src/config/defaults.ts';
import { type Clock, OffsetClock } from '../../src/domain/clock.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { needs, PYTHON } from './tools.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  clock: OffsetClock;
  /** Stops the server and removes its data dir. */
  stop(): Promise<void>;
  /** Stops and starts again on the same data dir (a restart), keeping the port. */
  restart(): Promise<TestServer>;
}

export async function startTestServer(overrides: Partial<ServerConfig> = {}, clock?: Clock, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cognate-test-'));
  const cfg = resolveServerConfig([], {}, { port: 0, dataDir: dir, quiet: true, ...overrides });
  const c = (clock as OffsetClock | undefined) ?? new OffsetClock();
  const s = await startServer(cfg, { clock: c, log: () => {} });
  const ts: TestServer = Object.assign(s, {
    dataDir: dir,
    clock: c,
    async stop() {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await s.close();
      return startTestServer({ ...overrides, port: s.port }, c, dir);
    },
  });
  return ts;
}

/** An SDK v3 cognito-idp client signed with the server's root keys (or the given credentials). */
export function idpClient(server: RunningServer, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: credentials ?? server.rootKeys,
    maxAttempts: 1,
  });
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Environment for the AWS CLI / boto3 with a throwaway HOME and the server's root keys. */
export function awsEnv(server: RunningServer, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'cognate-home-'));
  // The AWS CLI may be a pyenv shim, which finds its Python through PYENV_ROOT (default ~/.pyenv).
  const pyenv = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  return {
    PATH: process.env.PATH,
    HOME: home,
    ...(existsSync(pyenv) ? { PYENV_ROOT: pyenv } : {}),
    AWS_ACCESS_KEY_ID: server.rootKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.rootKeys.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    ...extra,
  };
}

/**
 * Runs a command asynchronously (the server runs in this process, so a synchronous spawn would block
 * it). Resolves with exit status, stdout and stderr.
 */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? -1 : 0), stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** Runs the installed AWS CLI v1 against the server. */
export function awsCli(server: RunningServer, args: string[], env: NodeJS.ProcessEnv = awsEnv(server)): Promise<CliResult> {
  // A test that forgot `needs: ['aws-v1']` fails naming the tool instead of running another `aws`.
  const missing = needs('aws-v1');
  if (missing) return Promise.reject(new Error(`this test uses the AWS CLI v1 without declaring needs: ['aws-v1']: ${missing}`));
  return run('aws', ['--endpoint-url', server.url, ...args], env);
}

/** Runs a snippet in the python3 that has boto3 (tests using it declare `needs: ['boto3']`) with SERVER_URL set. */
export function python(server: RunningServer, code: string, env: NodeJS.ProcessEnv = awsEnv(server)): Promise<CliResult> {
  const missing = needs('boto3');
  if (missing) return Promise.reject(new Error(`this test uses boto3 without declaring needs: ['boto3']: ${missing}`));
  return run(PYTHON, ['-c', code], { ...env, SERVER_URL: server.url });
}
