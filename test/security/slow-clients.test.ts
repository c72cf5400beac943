/**
 * Pins finding 8: a client sending one byte every few seconds kept a connection for Node's 300 s default.
 * Header and whole-request timeouts and a per-address connection cap are configured (here small, to test
 * them quickly; the defaults are in README).
 */
import assert from 'node:assert/strict';
import { type Socket, connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { resolveServerConfig } from '../../src/config/defaults.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** Opens a socket and resolves when it is connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

/** Resolves with ms until the server closes the socket (or rejects after `limitMs`), and what it sent. */
function closedWithin(s: Socket, limitMs: number): Promise<{ ms: number; data: string }> {
  const t0 = Date.now();
  let data = '';
  s.on('data', (d) => (data += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${limitMs} ms`)), limitMs);
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - t0, data });
    });
    s.on('error', () => {});
  });
}

describe('slow clients and connection floods', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      keepAliveTimeoutMs: 1000,
      maxConnectionsPerAddress: 6,
    });
  });
  after(() => server.stop());

  it('headers sent a byte at a time are cut off after the headers timeout', async () => {
    const s = await open(server.port);
    const drip = setInterval(() => s.write('X'), 300);
    s.write('POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    try {
      const r = await closedWithin(s, 8000);
      assert.ok(r.ms < 6000, `closed after ${r.ms} ms`);
    } finally {
      clearInterval(drip);
    }
  });

  it('a body sent a byte at a time is cut off after the request timeout', async () => {
    const s = await open(server.port);
    s.write('POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.GetUser\r\nContent-Length: 1000\r\n\r\n{');
    const drip = setInterval(() => s.write(' '), 300);
    try {
      const r = await closedWithin(s, 10_000);
      assert.ok(r.ms < 8000, `closed after ${r.ms} ms`);
    } finally {
      clearInterval(drip);
    }
  });

  it('an address gets at most the configured number of connections; the rest are closed at once', async () => {
    const sockets = await Promise.all(Array.from({ length: 6 }, () => open(server.port)));
    // Let the server register them before the extra one arrives.
    await new Promise((r) => setTimeout(r, 100));
    const extra = await open(server.port);
    const r = await closedWithin(extra, 3000);
    assert.ok(r.ms < 2000);
    for (const s of sockets) s.destroy();
    await new Promise((res) => setTimeout(res, 200));
    // Freed slots serve requests again.
    const ok = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
      body: '{}',
    });
    assert.equal(ok.status, 400);
  });

  it('defaults suit an identity service and are validated', () => {
    const d = resolveServerConfig([], {});
    assert.deepEqual(
      [d.headersTimeoutMs, d.requestTimeoutMs, d.keepAliveTimeoutMs, d.maxConnectionsPerAddress],
      [10_000, 30_000, 65_000, 512],
    );
    const env = resolveServerConfig([], { COGNATE_REQUEST_TIMEOUT_MS: '5000', COGNATE_HEADERS_TIMEOUT_MS: '2000' });
    assert.equal(env.requestTimeoutMs, 5000);
    assert.throws(() => resolveServerConfig(['--headers-timeout-ms', '9000', '--request-timeout-ms', '5000'], {}), /must not exceed/);
  });
});
