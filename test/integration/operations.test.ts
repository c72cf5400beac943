/**
 * What an operator watches, on the real server driven by the AWS SDK v3: `/metrics` scraped and parsed
 * with a Prometheus text-format parser (requests by operation and outcome, latency histograms, sign-ins,
 * sign-outs and revocations by kind, store latency); JSON logs with request ids and no tokens or
 * passwords in them; liveness and readiness (false when the store cannot answer, or while shutting down).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { resolveServerConfig } from '../../src/config/defaults.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { PASSWORD, signIn, world } from '../helpers/fixtures.ts';
import { histogramSeries, sampleValue, scrape } from '../helpers/prometheus.ts';
import { idpClient } from '../helpers/server.ts';

describe('metrics, logs and health', () => {
  let server: RunningServer;
  let dir: string;
  const logs: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cognate-ops-'));
    const cfg = resolveServerConfig([], {}, { port: 0, dataDir: dir, logFormat: 'json', logRequests: true });
    server = await startServer(cfg, { log: (l) => logs.push(l) });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts requests, sessions and store calls, and logs them as JSON with request ids and no secrets', async () => {
    const idp = idpClient(server);
    const w = await world(idp);
    const secrets: string[] = [PASSWORD];
    const s = await signIn(idp, w.clientId, 'alice');
    secrets.push(s.accessToken, s.idToken, s.refreshToken);
    const seen = await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
    const seenId = seen.$metadata.requestId as string;
    await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
    const refreshed = await idp.send(
      new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: s.refreshToken } }),
    );
    secrets.push(refreshed.AuthenticationResult?.AccessToken as string);
    const admin = await idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: w.poolId,
        ClientId: w.clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      }),
    );
    secrets.push(admin.AuthenticationResult?.RefreshToken as string);
    await idp.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: admin.AuthenticationResult?.RefreshToken as string }));
    const newPassword = 'Another-Secret-77';
    secrets.push(newPassword);
    await idp.send(new SignUpCommand({ ClientId: w.clientId, Username: 'bob', Password: newPassword }));
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({
          ClientId: w.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: 'Wrong-Password-1' },
        }),
      ),
      /Incorrect username or password/,
    );
    secrets.push('Wrong-Password-1');
    await idp.send(new GlobalSignOutCommand({ AccessToken: s.accessToken }));
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: s.accessToken })), /revoked/);

    const m = await scrape(server.url);
    assert.equal(m.status, 200);
    assert.match(m.contentType, /^text\/plain; version=0\.0\.4/);
    const req = (operation: string, outcome: string) =>
      sampleValue(m.families, 'cognate_requests_total', { service: 'cognito-idp', operation, outcome });
    assert.equal(req('GetUser', 'success'), 2);
    assert.equal(req('GetUser', 'NotAuthorizedException'), 1);
    assert.equal(req('InitiateAuth', 'success'), 2);
    assert.equal(req('InitiateAuth', 'NotAuthorizedException'), 1);
    assert.equal(req('GlobalSignOut', 'success'), 1);
    assert.equal(sampleValue(m.families, 'cognate_sign_ins_total', { flow: 'USER_PASSWORD_AUTH' }), 1);
    assert.equal(sampleValue(m.families, 'cognate_sign_ins_total', { flow: 'ADMIN_USER_PASSWORD_AUTH' }), 1);
    assert.equal(sampleValue(m.families, 'cognate_token_refreshes_total', {}), 1);
    assert.equal(sampleValue(m.families, 'cognate_sign_outs_total', { kind: 'global_sign_out' }), 1);
    assert.equal(sampleValue(m.families, 'cognate_revocations_total', { kind: 'revoke_token' }), 1);
    assert.equal(sampleValue(m.families, 'cognate_revocations_total', { kind: 'global_sign_out' }), 1);

    // Latency histograms: three GetUser requests in the +Inf bucket, and the store's calls timed by method.
    const latency = m.families.get('cognate_request_duration_seconds');
    assert.equal(latency?.type, 'HISTOGRAM');
    const getUser = histogramSeries(m.text, 'cognate_request_duration_seconds', { operation: 'GetUser' });
    assert.equal(getUser.buckets['+Inf'], 3);
    assert.equal(getUser.count, 3);
    assert.ok(getUser.sum > 0 && getUser.sum < 30);
    assert.ok((getUser.buckets['0.0005'] ?? -1) >= 0 && (getUser.buckets['0.0005'] ?? 0) <= (getUser.buckets['10'] ?? 0));
    assert.equal(m.families.get('cognate_store_operation_duration_seconds')?.type, 'HISTOGRAM');
    const grantState = histogramSeries(m.text, 'cognate_store_operation_duration_seconds', { method: 'grants.stateWithUser' });
    const grantState2 = histogramSeries(m.text, 'cognate_store_operation_duration_seconds', { method: 'grants.state' });
    assert.ok(grantState.count + grantState2.count >= 3, 'every token check reads the grant state');
    assert.ok(m.families.has('cognate_process_cpu_seconds_total'), 'process metrics');

    // Logs: JSON objects, one per request with its id; the SDK's request id is among them.
    const parsed = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request');
    assert.ok(requests.length >= 12);
    for (const r of requests) assert.match(String(r.requestId), /^[0-9a-f-]{36}$/);
    const line = requests.find((r) => r.requestId === seenId);
    assert.deepEqual(
      { operation: line?.operation, status: line?.status, outcome: line?.outcome },
      { operation: 'GetUser', status: 200, outcome: 'success' },
    );
    assert.ok(requests.some((r) => r.operation === 'InitiateAuth' && r.outcome === 'NotAuthorizedException' && r.status === 400));
    const all = logs.join('\n');
    for (const secret of secrets) assert.ok(!all.includes(secret), `a secret leaked into the logs: ${secret.slice(0, 12)}…`);
    assert.doesNotMatch(all, /eyJ[A-Za-z0-9_-]{10,}\./, 'no JWT in the logs');
  });

  it('liveness and readiness', async () => {
    let r = await fetch(`${server.url}/health/live`);
    assert.deepEqual([r.status, await r.json()], [200, { status: 'live' }]);
    r = await fetch(`${server.url}/health/ready`);
    assert.deepEqual([r.status, await r.json()], [200, { status: 'ready', store: 'sqlite' }]);
  });
});

describe('readiness follows the store and the lifecycle', () => {
  it('is false once the store cannot answer, and while the node shuts down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-ready-'));
    const server = await startServer(resolveServerConfig([], {}, { port: 0, dataDir: dir, quiet: true }));
    try {
      assert.equal((await fetch(`${server.url}/health/ready`)).status, 200);
      // The database goes away under the running node (closed underneath it).
      (server.app.store as unknown as { db: { close(): void } }).db.close();
      const r = await fetch(`${server.url}/health/ready`);
      const body = (await r.json()) as { status: string; reason: string };
      assert.equal(r.status, 503);
      assert.equal(body.status, 'unavailable');
      assert.match(body.reason, /^the store is unavailable: /);
      assert.equal((await fetch(`${server.url}/health/live`)).status, 200, 'the process itself is alive');
    } finally {
      await server.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
