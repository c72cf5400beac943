/**
 * Stopping the server: `npm start` hands SIGTERM/SIGINT to `cognate serve` (the script execs it, so npm's
 * forwarded signal reaches the server itself), and SIGTERM lets a request in flight finish — its answer
 * is sent — while new connections are refused and idle keep-alive connections do not hold the exit.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '../helpers/tools.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Started {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a command that runs `cognate serve --port 0` and waits for its "listening" line. */
async function startServe(cmd: string, args: string[]): Promise<Started> {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${err}`)), 60_000);
    const onData = (d: Buffer) => {
      err += d.toString();
      const m = /cognate listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.on('exit', () => reject(new Error(`exited before listening: ${err}`)));
  });
  return { child, port, stderr: () => err, exited };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

function readAll(s: Socket): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
  });
}

const refused = (port: number) =>
  open(port).then(
    (s) => {
      s.destroy();
      return false;
    },
    (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED',
  );

describe('stopping cognate serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`npm start: ${signal} to npm stops the server on its port`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cognate-npm-start-'));
      try {
        const npm = await startServe('npm', ['start', '--silent', '--', '--port', '0', '--data-dir', dir]);
        assert.equal(await refused(npm.port), false, 'listening');
        npm.child.kill(signal);
        await npm.exited;
        // The server process itself is gone: nothing listens on its port any more.
        const deadline = Date.now() + 15_000;
        while (!(await refused(npm.port))) {
          assert.ok(Date.now() < deadline, `still listening after npm stopped: ${npm.stderr()}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.match(npm.stderr(), new RegExp(`cognate: ${signal}: finishing requests in flight, then stopping`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('SIGTERM: a request in flight is answered, new connections are refused, idle keep-alive does not hold the exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-drain-'));
    try {
      const s = await startServe(process.execPath, ['bin/cognate.js', 'serve', '--port', '0', '--data-dir', dir]);
      // An idle keep-alive connection: one finished request, socket left open.
      const idle = await open(s.port);
      const idleDone = readAll(idle);
      idle.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
      // A request in flight: headers and half the body sent before the signal.
      const body = JSON.stringify({ AccessToken: 'not-a-token' });
      const busy = await open(s.port);
      const busyDone = readAll(busy);
      busy.write(
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n' +
          `X-Amz-Target: AWSCognitoIdentityProviderService.GetUser\r\nContent-Length: ${body.length}\r\n\r\n` +
          body.slice(0, 10),
      );
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = Date.now();
      s.child.kill('SIGTERM');
      // The listener closes first; the request in flight is still being read.
      const deadline = Date.now() + 10_000;
      while (!(await refused(s.port))) {
        assert.ok(Date.now() < deadline, 'still accepting new connections after SIGTERM');
        await new Promise((r) => setTimeout(r, 50));
      }
      busy.end(body.slice(10));
      const answer = await busyDone;
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.match(answer, /"__type":"NotAuthorizedException"/);
      const exit = await s.exited;
      assert.deepEqual(exit, { code: 0, signal: null }, s.stderr());
      // The idle connection was closed by the server, well before the 10 s grace would have cut it.
      assert.match(await idleDone, /^HTTP\/1\.1 200 /);
      assert.ok(Date.now() - signalledAt < 8_000, `exit took ${Date.now() - signalledAt} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
