/** sso-oidc against the real server with @aws-sdk/client-sso-oidc: registration, device flow, refresh rotation, PKCE. */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import type { TestServer } from '../helpers/server.ts';
import {
  ALICE,
  DEVICE_GRANT,
  FormBrowser,
  START_URL,
  approveDevice,
  deviceLogin,
  oidcClient,
  portalClient,
  startSsoServer,
} from './sso-fixtures.ts';

type OidcErr = Error & { error?: string; error_description?: string; $metadata?: { httpStatusCode?: number } };

async function oidcRejects(p: Promise<unknown>, name: string, error: string, status = 400) {
  await assert.rejects(p, (e: OidcErr) => {
    assert.equal(e.name, name);
    assert.equal(e.error, error);
    assert.equal(typeof e.error_description, 'string');
    assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}

describe('sso-oidc', () => {
  let server: TestServer;
  let oidc: ReturnType<typeof oidcClient>;

  before(async () => {
    server = await startSsoServer();
    oidc = oidcClient(server);
  });
  after(() => server.stop());

  const register = (extra: Record<string, unknown> = {}) =>
    oidc.send(new RegisterClientCommand({ clientName: 'cli', clientType: 'public', scopes: ['sso:account:access'], ...extra }));
  const start = (reg: { clientId?: string; clientSecret?: string }) =>
    oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }));
  const poll = (reg: { clientId?: string; clientSecret?: string }, deviceCode?: string) =>
    oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode }));

  it('RegisterClient issues a public client valid for 90 days; other client types are refused in the OIDC error shape', async () => {
    const before = Math.floor(server.clock.now() / 1000);
    const reg = await register();
    assert.match(reg.clientId ?? '', /^\S{10,}$/);
    assert.ok((reg.clientSecret ?? '').length > 20);
    assert.ok((reg.clientIdIssuedAt as number) >= before - 1);
    assert.equal(reg.clientSecretExpiresAt, (reg.clientIdIssuedAt as number) + 90 * 86400);
    await oidcRejects(
      oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
      'InvalidClientMetadataException',
      'invalid_client_metadata',
    );
    // On the wire: x-amzn-ErrorType and {error, error_description} without `message` (botocore would prefer it).
    const res = await fetch(`${server.url}/client/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientName: 'x', clientType: 'confidential' }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-errortype'), 'InvalidClientMetadataException');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['error', 'error_description']);
  });

  it('device flow: pending, slow_down when polled too fast, then tokens once approved on the page; the device code is single-use', async () => {
    const reg = await register();
    const auth = await start(reg);
    assert.match(auth.userCode ?? '', /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(auth.verificationUri, `${server.url}/device`);
    assert.equal(auth.verificationUriComplete, `${server.url}/device?user_code=${auth.userCode}`);
    assert.equal(auth.expiresIn, 600);
    assert.equal(auth.interval, 1);
    await oidcRejects(poll(reg, auth.deviceCode), 'AuthorizationPendingException', 'authorization_pending');
    await oidcRejects(poll(reg, auth.deviceCode), 'SlowDownException', 'slow_down');
    server.clock.advance(6_500); // the interval grew by 5 s after slow_down
    await oidcRejects(poll(reg, auth.deviceCode), 'AuthorizationPendingException', 'authorization_pending');

    const done = await approveDevice(new FormBrowser(server.url), auth.userCode as string);
    assert.equal(done.status, 200);
    assert.match(done.html, /You can close this window/);
    const t = await poll(reg, auth.deviceCode);
    assert.match(t.accessToken ?? '', /^aoa/);
    assert.equal(t.tokenType, 'Bearer');
    assert.equal(t.expiresIn, 3600);
    assert.match(t.refreshToken ?? '', /^aor/);
    await oidcRejects(poll(reg, auth.deviceCode), 'InvalidGrantException', 'invalid_grant');
    const accounts = await portalClient(server).send(new ListAccountsCommand({ accessToken: t.accessToken }));
    assert.equal(accounts.accountList?.length, 3);
  });

  it('a client registered without scopes gets no refresh token (like Identity Center)', async () => {
    const { token } = await deviceLogin(server, ALICE, null);
    assert.ok(token.accessToken);
    assert.equal(token.refreshToken, undefined);
  });

  it('denied on the page → access_denied; expired device code → expired_token', async () => {
    const reg = await register();
    const a1 = await start(reg);
    const denied = await approveDevice(new FormBrowser(server.url), a1.userCode as string, ALICE, 'deny');
    assert.match(denied.html, /denied/);
    await oidcRejects(poll(reg, a1.deviceCode), 'AccessDeniedException', 'access_denied');

    const a2 = await start(reg);
    server.clock.advance(601_000);
    await oidcRejects(poll(reg, a2.deviceCode), 'ExpiredTokenException', 'expired_token');
    const page = await new FormBrowser(server.url).get(`/device?user_code=${a2.userCode}`);
    assert.doesNotMatch(page.html, /id="allow"/);
  });

  it('unknown client, wrong secret, another client’s device code and a foreign start URL are refused', async () => {
    const reg = await register();
    const other = await register();
    const auth = await start(reg);
    await oidcRejects(start({ clientId: 'nope', clientSecret: 'nope' }), 'InvalidClientException', 'invalid_client', 401);
    await oidcRejects(
      poll({ clientId: reg.clientId, clientSecret: `${reg.clientSecret}x` }, auth.deviceCode),
      'InvalidClientException',
      'invalid_client',
      401,
    );
    await oidcRejects(poll(other, auth.deviceCode), 'InvalidGrantException', 'invalid_grant');
    await oidcRejects(
      oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          startUrl: 'https://d-9999999999.awsapps.com/start',
        }),
      ),
      'InvalidRequestException',
      'invalid_request',
    );
    await oidcRejects(
      oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'password' })),
      'UnsupportedGrantTypeException',
      'unsupported_grant_type',
    );
  });

  it('wrong user code, wrong password and a missing CSRF token get error pages and change nothing', async () => {
    const reg = await register();
    const auth = await start(reg);
    const b = new FormBrowser(server.url);
    await b.get('/device');
    const wrongCode = await b.post('/device', { user_code: 'BCDF-GHJK', username: ALICE.user, password: ALICE.password });
    assert.equal(wrongCode.status, 400);
    assert.match(wrongCode.html, /not valid or has expired/);
    await b.get(`/device?user_code=${auth.userCode}`);
    const wrongPw = await b.post('/device', { user_code: auth.userCode as string, username: ALICE.user, password: 'Wrong-Passw0rd!' });
    assert.equal(wrongPw.status, 401);
    assert.match(wrongPw.html, /Incorrect username or password/);
    assert.equal(b.cookies.has('cognate_sso_session'), false);
    const noCsrf = await b.post('/device', {
      user_code: auth.userCode as string,
      username: ALICE.user,
      password: ALICE.password,
      csrf: 'x'.repeat(32),
    });
    assert.equal(noCsrf.status, 403);
    assert.equal(b.cookies.has('cognate_sso_session'), false);
    await oidcRejects(poll(reg, auth.deviceCode), 'AuthorizationPendingException', 'authorization_pending');
  });

  it('refresh_token grant rotates: the new pair works, the old refresh token then gets invalid_grant', async () => {
    const { reg, token } = await deviceLogin(server);
    const refreshed = await oidc.send(
      new CreateTokenCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        grantType: 'refresh_token',
        refreshToken: token.refreshToken,
      }),
    );
    assert.notEqual(refreshed.accessToken, token.accessToken);
    assert.notEqual(refreshed.refreshToken, token.refreshToken);
    await portalClient(server).send(new ListAccountsCommand({ accessToken: refreshed.accessToken }));
    await oidcRejects(
      oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken,
        }),
      ),
      'InvalidGrantException',
      'invalid_grant',
    );
    const other = await register();
    await oidcRejects(
      oidc.send(
        new CreateTokenCommand({
          clientId: other.clientId,
          clientSecret: other.clientSecret,
          grantType: 'refresh_token',
          refreshToken: refreshed.refreshToken,
        }),
      ),
      'InvalidGrantException',
      'invalid_grant',
    );
  });

  it('authorization code + PKCE: /authorize with `scopes`, loopback redirect matched ignoring the port, single-use code', async () => {
    const reg = await register({
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: START_URL,
    });
    assert.equal(reg.authorizationEndpoint, `${server.url}/authorize`);
    const verifier = randomBytes(48).toString('base64url').slice(0, 64);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:54321/oauth/callback';
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: reg.clientId as string,
      redirect_uri: redirectUri,
      state: 'st-123',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: challenge,
    });
    const b = new FormBrowser(server.url);
    const signInPage = await b.get(`/authorize?${q}`);
    assert.equal(signInPage.status, 200);
    assert.match(signInPage.html, /name="password"/);
    const consent = await b.post('/authorize', { ...b.hiddenFields(), username: ALICE.user, password: ALICE.password });
    assert.match(consent.html, /id="allow"/);
    const back = await b.post('/authorize', { ...b.hiddenFields(), decision: 'allow' });
    assert.equal(back.status, 302);
    const loc = new URL(back.location as string);
    assert.equal(`${loc.origin}${loc.pathname}`, 'http://127.0.0.1:54321/oauth/callback');
    assert.equal(loc.searchParams.get('state'), 'st-123');
    const code = loc.searchParams.get('code') as string;

    const redeem = (c: string, v = verifier, uri = redirectUri) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'authorization_code',
          code: c,
          redirectUri: uri,
          codeVerifier: v,
        }),
      );
    const t = await redeem(code);
    assert.ok(t.accessToken && t.refreshToken);
    await oidcRejects(redeem(code), 'InvalidGrantException', 'invalid_grant'); // replayed

    // Signed in already: straight to consent. A wrong verifier burns the code.
    await b.get(`/authorize?${q}`);
    const code2 = new URL((await b.post('/authorize', { ...b.hiddenFields(), decision: 'allow' })).location as string).searchParams.get(
      'code',
    ) as string;
    await oidcRejects(redeem(code2, 'x'.repeat(64)), 'InvalidGrantException', 'invalid_grant');
    await oidcRejects(redeem(code2), 'InvalidGrantException', 'invalid_grant');
    // Codes are short-lived.
    await b.get(`/authorize?${q}`);
    const code3 = new URL((await b.post('/authorize', { ...b.hiddenFields(), decision: 'allow' })).location as string).searchParams.get(
      'code',
    ) as string;
    server.clock.advance(6 * 60_000);
    await oidcRejects(redeem(code3), 'ExpiredTokenException', 'expired_token');

    // Deny → back to the client with error=access_denied; unregistered redirect URIs and unknown clients get a page, never a redirect.
    await b.get(`/authorize?${q}`);
    const denied = await b.post('/authorize', { ...b.hiddenFields(), decision: 'deny' });
    assert.equal(new URL(denied.location as string).searchParams.get('error'), 'access_denied');
    const bad = await b.get(`/authorize?${new URLSearchParams({ ...Object.fromEntries(q), redirect_uri: 'https://evil.example/cb' })}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.location, null);
    const unknown = await b.get(`/authorize?${new URLSearchParams({ ...Object.fromEntries(q), client_id: 'nope' })}`);
    assert.equal(unknown.status, 400);
  });
});
