/**
 * Every refusal of the managed-login pages and OAuth endpoints, answered as Cognito does and changing
 * nothing: unregistered redirect and sign-out URIs get an error page (never a redirect), wrong PKCE
 * verifiers and replayed codes are invalid_grant, disallowed flows and scopes, wrong secrets, CSRF, and
 * the Host header's domain.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminUserGlobalSignOutCommand,
  CreateUserPoolDomainCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, PASSWORD } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { Browser, CALLBACK, hiddenInputs, oauthWorld, SIGNED_OUT, signInThroughPages } from './managed-login-helpers.ts';

const verifier = () => randomBytes(32).toString('base64url');
const s256 = (v: string) => createHash('sha256').update(v).digest('base64url');

describe('managed login refusals', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof oauthWorld>>;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await oauthWorld(idp);
  });
  after(() => server.stop());

  const authorize = (p: Record<string, string>) =>
    `/oauth2/authorize?${new URLSearchParams({ client_id: w.web.ClientId, response_type: 'code', redirect_uri: CALLBACK, ...p })}`;

  async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: await res.json() };
  }

  /** A code for alice through the pages, with a PKCE challenge. */
  async function codeFor(b: Browser, v: string, extra: Record<string, string> = {}) {
    const url = authorize({ code_challenge: s256(v), code_challenge_method: 'S256', state: 'st', ...extra });
    // A browser already signed in gets the code straight away; a new one goes through the form.
    const res = b.jar.has('cognito') ? await b.get(url) : await signInThroughPages(b, url, 'alice', PASSWORD);
    const loc = new URL(res.headers.get('location') as string);
    assert.equal(loc.searchParams.get('state'), 'st');
    return loc.searchParams.get('code') as string;
  }

  it('authorize: no client, unknown client or unregistered redirect_uri → an error page, never a redirect', async () => {
    const b = new Browser(server.url);
    for (const url of [
      '/oauth2/authorize?response_type=code',
      `/oauth2/authorize?client_id=nope&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      authorize({ redirect_uri: 'https://evil.example/cb' }),
      authorize({ redirect_uri: `${CALLBACK}/extra` }),
      `/login?client_id=${w.web.ClientId}&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F`,
    ]) {
      const res = await b.get(url);
      assert.equal(res.status, 400, url);
      assert.equal(res.headers.get('location'), null);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /role="alert"/);
    }
  });

  it('authorize: errors after the redirect URI is known go back to it with state', async () => {
    const b = new Browser(server.url);
    const cases: [Record<string, string>, string][] = [
      [{ response_type: 'id_token' }, 'unsupported_response_type'],
      [{ scope: 'openid orders/write' }, 'invalid_scope'],
      [{ code_challenge_method: 'S256' }, 'invalid_request'],
      [{ identity_provider: 'Google' }, 'invalid_request'],
      [{ prompt: 'consent' }, 'invalid_request'],
      [{ lang: 'fr' }, 'invalid_request'],
      [{ prompt: 'none' }, 'login_required'],
    ];
    for (const [p, error] of cases) {
      const res = await b.get(authorize({ state: 'xyz', ...p }));
      assert.equal(res.status, 302, JSON.stringify(p));
      const loc = new URL(res.headers.get('location') as string);
      assert.equal(`${loc.origin}${loc.pathname}`, CALLBACK);
      assert.equal(loc.searchParams.get('error'), error, JSON.stringify(p));
      assert.equal(loc.searchParams.get('state'), 'xyz');
    }
    // A client that is not allowed OAuth flows at all.
    const closed = await createClient(idp, w.poolId, {
      CallbackURLs: [CALLBACK],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
    });
    const res = await b.get(
      `/oauth2/authorize?client_id=${closed.ClientId}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    );
    assert.equal(new URL(res.headers.get('location') as string).searchParams.get('error'), 'unauthorized_client');
  });

  it('the sign-in form refuses a missing or foreign CSRF token and a wrong password', async () => {
    const b = new Browser(server.url);
    const page = await b.get((await b.get(authorize({}))).headers.get('location') as string);
    const fields = hiddenInputs(await page.text());
    assert.match(fields.csrf ?? '', /^[A-Za-z0-9]{32}$/);
    const { csrf, ...withoutCsrf } = fields;
    assert.equal((await b.post('/login', { ...withoutCsrf, username: 'alice', password: PASSWORD })).status, 403);
    const other = new Browser(server.url); // another browser: its own CSRF cookie, a stolen token
    assert.equal((await other.post('/login', { ...fields, username: 'alice', password: PASSWORD })).status, 403);
    const wrong = await b.post('/login', { ...fields, username: 'alice', password: 'Wrong-Horse-1' });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /Incorrect username or password\./);
    assert.equal(b.jar.has('cognito'), false);
  });

  it('token: wrong PKCE verifier, replayed code, other redirect_uri, other client → invalid_grant', async () => {
    const b = new Browser(server.url);
    const v = verifier();
    const code = await codeFor(b, v);
    const form = { grant_type: 'authorization_code', client_id: w.web.ClientId, redirect_uri: CALLBACK, code };
    assert.deepEqual(await token({ ...form, code_verifier: verifier() }), { status: 400, body: { error: 'invalid_grant' } });
    // The failed attempt consumed the code: the right verifier cannot use it any more.
    assert.deepEqual(await token({ ...form, code_verifier: v }), { status: 400, body: { error: 'invalid_grant' } });
    const code2 = await codeFor(b, v);
    const ok = await token({ ...form, code: code2, code_verifier: v });
    assert.equal(ok.status, 200);
    assert.deepEqual(Object.keys(ok.body).sort(), ['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    assert.deepEqual(await token({ ...form, code: code2, code_verifier: v }), { status: 400, body: { error: 'invalid_grant' } });
    const code3 = await codeFor(b, v);
    assert.deepEqual(await token({ ...form, code: code3, code_verifier: v, redirect_uri: 'http://localhost:3000/other' }), {
      status: 400,
      body: { error: 'invalid_grant' },
    });
    const code4 = await codeFor(b, v);
    const auth = { authorization: `Basic ${Buffer.from(`${w.svc.ClientId}:${w.svc.ClientSecret}`).toString('base64')}` };
    const { client_id, ...noClient } = form;
    assert.deepEqual(await token({ ...noClient, code: code4, code_verifier: v }, auth), {
      status: 400,
      body: { error: 'unauthorized_client' },
    });
  });

  it('token: client authentication, grant types, scopes and content type', async () => {
    const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
    const cc = { grant_type: 'client_credentials', scope: 'orders/read' };
    assert.deepEqual(await token(cc, basic(w.svc.ClientId, 'wrong')), { status: 400, body: { error: 'invalid_client' } });
    assert.deepEqual(await token({ ...cc, client_id: w.svc.ClientId, client_secret: 'wrong' }), {
      status: 400,
      body: { error: 'invalid_client' },
    });
    assert.deepEqual(await token({ ...cc, client_id: w.svc.ClientId }), { status: 400, body: { error: 'invalid_client' } });
    assert.deepEqual(await token({ ...cc, client_id: 'nobody' }), { status: 400, body: { error: 'invalid_client' } });
    assert.deepEqual(await token({ ...cc, client_id: w.web.ClientId, client_secret: 'x' }), {
      status: 400,
      body: { error: 'invalid_client' },
    });
    assert.deepEqual(await token({ ...cc, client_id: w.web.ClientId }), { status: 400, body: { error: 'unauthorized_client' } });
    assert.deepEqual(await token({ ...cc, scope: 'orders/delete' }, basic(w.svc.ClientId, w.svc.ClientSecret as string)), {
      status: 400,
      body: { error: 'invalid_scope' },
    });
    assert.deepEqual(await token({ ...cc, scope: 'openid' }, basic(w.svc.ClientId, w.svc.ClientSecret as string)), {
      status: 400,
      body: { error: 'invalid_scope' },
    });
    assert.deepEqual(await token({ grant_type: 'password', client_id: w.web.ClientId }), {
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    assert.deepEqual(await token({ client_id: w.web.ClientId }), { status: 400, body: { error: 'invalid_request' } });
    assert.deepEqual(await token({ grant_type: 'refresh_token', client_id: w.web.ClientId }), {
      status: 400,
      body: { error: 'invalid_request' },
    });
    assert.deepEqual(await token({ grant_type: 'refresh_token', client_id: w.web.ClientId, refresh_token: 'garbage' }), {
      status: 400,
      body: { error: 'invalid_grant' },
    });
    const json = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cc),
    });
    assert.equal(json.status, 400);
    assert.deepEqual(await json.json(), { error: 'invalid_request' });
  });

  it('revoke and userInfo refusals', async () => {
    const b = new Browser(server.url);
    const v = verifier();
    const code = await codeFor(b, v);
    const t = (await token({ grant_type: 'authorization_code', client_id: w.web.ClientId, redirect_uri: CALLBACK, code, code_verifier: v }))
      .body;
    const revoke = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form),
      });
      return { status: res.status, text: await res.text() };
    };
    assert.deepEqual(await revoke({ token: t.access_token, client_id: w.web.ClientId }), {
      status: 400,
      text: '{"error":"unsupported_token_type"}',
    });
    assert.deepEqual(await revoke({ client_id: w.web.ClientId }), { status: 400, text: '{"error":"invalid_request"}' });
    const auth = { authorization: `Basic ${Buffer.from(`${w.svc.ClientId}:${w.svc.ClientSecret}`).toString('base64')}` };
    assert.deepEqual(await revoke({ token: t.refresh_token }, auth), { status: 400, text: '{"error":"unauthorized_client"}' });
    // Nothing was revoked by the refusals.
    const info = await fetch(`${server.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${t.access_token}` } });
    assert.equal(info.status, 200);
    assert.deepEqual(await revoke({ token: t.refresh_token, client_id: w.web.ClientId }), { status: 200, text: '' });
    const none = await fetch(`${server.url}/oauth2/userInfo`);
    assert.equal(none.status, 400);
    assert.equal((await none.json()).error, 'invalid_request');
    const revoked = await fetch(`${server.url}/oauth2/userInfo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    assert.equal(revoked.status, 401);
    assert.equal(
      revoked.headers.get('www-authenticate'),
      'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
    );
  });

  it('logout: an unregistered logout_uri is an error page and ends nothing; redirect_uri starts a new sign-in', async () => {
    const b = new Browser(server.url);
    await codeFor(b, verifier());
    for (const uri of ['https://evil.example/', `${SIGNED_OUT}/x`]) {
      const res = await b.get(`/logout?client_id=${w.web.ClientId}&logout_uri=${encodeURIComponent(uri)}`);
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
    }
    assert.equal((await b.get(`/logout?logout_uri=${encodeURIComponent(SIGNED_OUT)}`)).status, 400);
    // Still signed in: authorize answers with a code at once.
    assert.match((await b.get(authorize({}))).headers.get('location') ?? '', /^http:\/\/localhost:3000\/cb\?code=/);
    const res = await b.get(
      `/logout?${new URLSearchParams({ client_id: w.web.ClientId, redirect_uri: CALLBACK, response_type: 'code', state: 's2' })}`,
    );
    assert.equal(res.status, 302);
    assert.match(res.headers.get('location') ?? '', /^\/login\?client_id=/);
    assert.match((await b.get(authorize({}))).headers.get('location') ?? '', /^\/login\?/);
  });

  it('Host header: a configured domain serves its pool only; an unknown one is 404', async () => {
    // fetch does not let a caller set Host; node:http does.
    const status = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    assert.equal(await status(authorize({}), `my-app.auth.localhost:${server.port}`), 302);
    assert.equal(await status(authorize({}), 'my-app.auth.us-east-1.amazoncognito.com'), 302);
    assert.equal(await status(authorize({}), `nobody.auth.localhost:${server.port}`), 404);
    await idp.send(
      new CreateUserPoolDomainCommand({
        UserPoolId: w.poolId,
        Domain: 'login.example.com',
        CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' },
      }),
    );
    assert.equal(await status(authorize({}), 'login.example.com'), 302, 'a custom domain serves its pool');
    const other = await oauthWorld(idp, 'other-app');
    const foreign = `/oauth2/authorize?client_id=${other.web.ClientId}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`;
    assert.equal(await status(foreign, 'my-app.auth.us-east-1.amazoncognito.com'), 400);
    assert.equal(await status(foreign, `other-app.auth.localhost:${server.port}`), 302);
  });

  it('implicit flow: tokens in the fragment, no refresh token', async () => {
    const b = new Browser(server.url);
    const res = await signInThroughPages(
      b,
      authorize({ response_type: 'token', scope: 'openid email', state: 'i1', nonce: 'n1' }),
      'alice',
      PASSWORD,
    );
    const loc = new URL(res.headers.get('location') as string);
    assert.equal(loc.search, '');
    const frag = new URLSearchParams(loc.hash.slice(1));
    assert.ok(frag.get('access_token') && frag.get('id_token'));
    assert.equal(frag.get('refresh_token'), null);
    assert.equal(frag.get('state'), 'i1');
    assert.equal(JSON.parse(Buffer.from((frag.get('id_token') as string).split('.')[1] as string, 'base64url').toString()).nonce, 'n1');
  });

  it('NEW_PASSWORD_REQUIRED: a temporary password leads to the new-password form; the policy applies', async () => {
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'temp', TemporaryPassword: 'Temp-Pass-123', MessageAction: 'SUPPRESS' }),
    );
    const b = new Browser(server.url);
    const res = await signInThroughPages(b, authorize({ state: 'np' }), 'temp', 'Temp-Pass-123');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Change your password/);
    const fields = hiddenInputs(html);
    const weak = await b.post('/forceChangePassword', { ...fields, new_password: 'short' });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), /Password/);
    const ok = await b.post('/forceChangePassword', { ...fields, new_password: 'Brand-New-Pass-9' });
    assert.equal(ok.status, 302);
    assert.match(ok.headers.get('location') ?? '', /^http:\/\/localhost:3000\/cb\?code=.*state=np/);
  });

  it('a user who must answer MFA is refused by the page, not signed in without it', async () => {
    const m = await oauthWorld(idp, 'mfa-app');
    await idp.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: m.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    const b = new Browser(server.url);
    const url = `/oauth2/authorize?${new URLSearchParams({ client_id: m.web.ClientId, response_type: 'code', redirect_uri: CALLBACK })}`;
    const res = await signInThroughPages(b, url, 'alice', PASSWORD);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /multi-factor authentication/);
    assert.equal(b.jar.has('cognito'), false);
  });

  it('global sign-out leaves the browser session (as Cognito) unless the server option says otherwise', async () => {
    const b = new Browser(server.url);
    await codeFor(b, verifier());
    await idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    assert.match((await b.get(authorize({}))).headers.get('location') ?? '', /\?code=/, 'the cookie survives a global sign-out');

    const strict = await startTestServer({ globalSignOutEndsBrowserSessions: true });
    try {
      const sidp = idpClient(strict);
      const sw = await oauthWorld(sidp);
      const sb = new Browser(strict.url);
      const url = `/oauth2/authorize?${new URLSearchParams({ client_id: sw.web.ClientId, response_type: 'code', redirect_uri: CALLBACK })}`;
      assert.equal((await signInThroughPages(sb, url, 'alice', PASSWORD)).status, 302);
      assert.match((await sb.get(url)).headers.get('location') ?? '', /\?code=/);
      await sidp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: sw.poolId, Username: 'alice' }));
      assert.match((await sb.get(url)).headers.get('location') ?? '', /^\/login\?/, 'the option ends the browser session too');
    } finally {
      await strict.stop();
    }
  });
});
