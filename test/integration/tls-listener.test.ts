/**
 * The optional TLS listener: a self-signed certificate generated once into the data dir (key 0600) and
 * reused on restart, the same routes as the main listener, given PEM files, and clear start-up errors.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { describe, it } from 'node:test';
import { startTestServer } from '../helpers/server.ts';

function httpsGet(url: string, host?: string): Promise<{ status: number; body: string; cert: string }> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false, agent: false, ...(host ? { headers: { host } } : {}) }, (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cert }));
    }).on('error', reject);
  });
}

describe('TLS listener', () => {
  it('--tls-self-signed: serves the same routes over HTTPS with a certificate kept across restarts', async () => {
    let server = await startTestServer({ tlsSelfSigned: true, tlsPort: 0 });
    try {
      assert.match(server.tls?.url ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
      const first = await httpsGet(`${server.tls?.url}/health`);
      assert.equal(first.status, 200);
      const key = join(server.dataDir, 'tls', 'self-signed-key.pem');
      assert.equal(statSync(key).mode & 0o777, 0o600);
      assert.match(readFileSync(join(server.dataDir, 'tls', 'self-signed-cert.pem'), 'utf8'), /BEGIN CERTIFICATE/);
      server = await server.restart();
      const again = await httpsGet(`${server.tls?.url}/health`);
      assert.equal(again.cert, first.cert, 'the generated certificate is reused');
    } finally {
      await server.stop();
    }
  });

  it('--tls-cert/--tls-key: PEM files; a missing half or an unreadable file stops the start with a clear message', async () => {
    const made = await startTestServer({ tlsSelfSigned: true, tlsPort: 0 });
    const cert = join(made.dataDir, 'tls', 'self-signed-cert.pem');
    const key = join(made.dataDir, 'tls', 'self-signed-key.pem');
    try {
      const given = await startTestServer({ tlsCert: cert, tlsKey: key, tlsPort: 0 });
      try {
        assert.equal((await httpsGet(`${given.tls?.url}/health`)).status, 200);
      } finally {
        await given.stop();
      }
      await assert.rejects(startTestServer({ tlsCert: cert, tlsPort: 0 }), /--tls-cert and --tls-key go together/);
      await assert.rejects(startTestServer({ tlsCert: cert, tlsKey: '/nonexistent/key.pem', tlsPort: 0 }), /cannot read the TLS key/);
    } finally {
      await made.stop();
    }
  });
});
