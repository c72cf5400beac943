/**
 * Transport behaviour: TLS verification (self-signed refusal, --no-verify-ssl warning, --ca-bundle and
 * AWS_CA_BUNDLE, a missing bundle), standard-mode retries with their "(reached max retries: N)" note,
 * and the read timeout.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bareEnv, type CountingServer, cognate, startCountingServer } from './cognate-helpers.ts';

const ENV = { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 's' };

describe('cognate transport', () => {
  let tls: Server;
  let tlsUrl: string;
  let certPath: string;
  let tlsHits = 0;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-tls-'));
    certPath = join(dir, 'cert.pem');
    const keyPath = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      {
        stdio: 'ignore',
      },
    );
    tls = createHttpsServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (req, res) => {
      tlsHits++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end('{"Username":"bob","UserAttributes":[]}');
      });
    });
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => tls.close(() => r())));

  test('a self-signed certificate is refused (255) and nothing is answered', async () => {
    const r = await cognate(['--endpoint-url', tlsUrl, 'cognito-idp', 'get-user', '--access-token', 't'], bareEnv(ENV));
    assert.equal(r.status, 255);
    assert.equal(
      r.stderr,
      `\ncognate: [ERROR]: SSL validation failed for ${tlsUrl}/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate\n`,
    );
  });

  test('--no-verify-ssl works and warns once on stderr', async () => {
    const before = tlsHits;
    const r = await cognate(
      [
        '--endpoint-url',
        tlsUrl,
        'cognito-idp',
        'get-user',
        '--access-token',
        't',
        '--no-verify-ssl',
        '--query',
        'Username',
        '--output',
        'text',
      ],
      bareEnv(ENV),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'bob\n');
    assert.equal(r.stderr.match(/InsecureRequestWarning: Unverified HTTPS request is being made to host '127\.0\.0\.1'/g)?.length, 1);
    assert.equal(tlsHits, before + 1);
  });

  test('--ca-bundle and AWS_CA_BUNDLE trust the given PEM; a missing bundle is an SSL error', async () => {
    let r = await cognate(
      ['--endpoint-url', tlsUrl, 'cognito-idp', 'get-user', '--access-token', 't', '--ca-bundle', certPath, '--query', 'Username'],
      bareEnv(ENV),
    );
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '"bob"\n', '']);
    r = await cognate(
      ['--endpoint-url', tlsUrl, 'cognito-idp', 'get-user', '--access-token', 't', '--query', 'Username'],
      bareEnv({ ...ENV, AWS_CA_BUNDLE: certPath }),
    );
    assert.deepEqual([r.status, r.stdout], [0, '"bob"\n']);
    r = await cognate(
      ['--endpoint-url', tlsUrl, 'cognito-idp', 'get-user', '--access-token', 't', '--ca-bundle', '/nonexistent/ca.pem'],
      bareEnv(ENV),
    );
    assert.equal(r.status, 255);
    assert.equal(r.stderr, `\ncognate: [ERROR]: SSL validation failed for ${tlsUrl}/ [Errno 2] No such file or directory\n`);
  });

  describe('retries (standard mode)', () => {
    let srv: CountingServer;
    let failures = 0;
    before(async () => {
      srv = await startCountingServer(() => {
        if (failures > 0) {
          failures--;
          return { status: 500, body: { __type: 'InternalErrorException', message: 'boom' } };
        }
        return { body: { Username: 'bob', UserAttributes: [] } };
      });
    });
    after(() => srv.close());

    test('two 500s then success: three attempts, exit 0', async () => {
      failures = 2;
      srv.requests.length = 0;
      const r = await cognate(
        ['--endpoint-url', srv.url, 'cognito-idp', 'get-user', '--access-token', 't', '--query', 'Username'],
        bareEnv(ENV),
      );
      assert.deepEqual([r.status, r.stdout], [0, '"bob"\n']);
      assert.equal(srv.requests.length, 3);
      assert.deepEqual(
        srv.requests.map((q) => String(q.headers['amz-sdk-request']).split(';')[0]),
        ['attempt=1', 'attempt=2', 'attempt=3'],
      );
    });

    test('attempts exhausted: the service error notes the retries (AWS_MAX_ATTEMPTS)', async () => {
      failures = 5;
      srv.requests.length = 0;
      const r = await cognate(
        ['--endpoint-url', srv.url, 'cognito-idp', 'get-user', '--access-token', 't'],
        bareEnv({ ...ENV, AWS_MAX_ATTEMPTS: '2' }),
      );
      assert.equal(r.status, 254);
      assert.equal(
        r.stderr,
        '\ncognate: [ERROR]: An error occurred (InternalErrorException) when calling the GetUser operation (reached max retries: 1): boom\n',
      );
      assert.equal(srv.requests.length, 2);
      failures = 0;
    });
  });

  test('--cli-read-timeout: a silent server gives the read-timeout error (255)', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const r = await cognate(
        ['--endpoint-url', url, 'cognito-idp', 'get-user', '--access-token', 't', '--cli-read-timeout', '1'],
        bareEnv({ ...ENV, AWS_MAX_ATTEMPTS: '1' }),
      );
      assert.equal(r.status, 255);
      assert.equal(r.stderr, `\ncognate: [ERROR]: Read timeout on endpoint URL: "${url}/"\n`);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
