/**
 * Managed login end to end with a relying-party library: openid-client discovers the pool, builds a
 * code + PKCE request, the browser signs in on /login (CSRF token and all), openid-client redeems the
 * code (checking state, nonce and the ID token's claims), reads userInfo, refreshes, revokes; /logout
 * ends the browser session and its grants. aws-jwt-verify checks every token's signature. The same
 * tokens are judged by GetUser, so one revocation truth serves the API and the OAuth endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import * as oidc from 'openid-client';
import { PASSWORD } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { Browser, CALLBACK, oauthWorld, SIGNED_OUT, signInThroughPages } from './managed-login-helpers.ts';

describe('managed login: authorization code + PKCE with openid-client', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof oauthWorld>>;
  let config: oidc.Configuration;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await oauthWorld(idp);
    config = await oidc.discovery(new URL(`${server.url}/${w.poolId}`), w.web.ClientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
  });
  after(() => server.stop());

  async function verifiers() {
    const jwksUri = `${server.url}/${w.poolId}/.well-known/jwks.json`;
    const jwks = await (await fetch(jwksUri)).json();
    const id = JwtRsaVerifier.create({ issuer: `${server.url}/${w.poolId}`, audience: w.web.ClientId, jwksUri });
    const access = JwtRsaVerifier.create({ issuer: `${server.url}/${w.poolId}`, audience: null, jwksUri });
    id.cacheJwks(jwks);
    access.cacheJwks(jwks);
    return { id, access };
  }

  async function authorizeUrl(extra: Record<string, string> = {}) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid email profile aws.cognito.signin.user.admin',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url: url.toString(), verifier, state, nonce };
  }

  it('discovery lists every endpoint on the public URL', () => {
    const m = config.serverMetadata();
    assert.equal(m.issuer, `${server.url}/${w.poolId}`);
    assert.equal(m.authorization_endpoint, `${server.url}/oauth2/authorize`);
    assert.equal(m.token_endpoint, `${server.url}/oauth2/token`);
    assert.equal(m.userinfo_endpoint, `${server.url}/oauth2/userInfo`);
    assert.equal(m.revocation_endpoint, `${server.url}/oauth2/revoke`);
    assert.equal(m.end_session_endpoint, `${server.url}/logout`);
  });

  it('signs in on the page, redeems the code, reads userInfo, refreshes, revokes, and logs out', async () => {
    const b = new Browser(server.url);
    const req = await authorizeUrl();
    const signedIn = await signInThroughPages(b, req.url, 'alice', PASSWORD);
    assert.equal(signedIn.status, 302);
    const callback = signedIn.headers.get('location') as string;
    assert.ok(callback.startsWith(`${CALLBACK}?code=`), callback);
    assert.ok(b.jar.has('cognito'), 'the browser holds the managed-login session cookie');

    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: req.verifier,
      expectedState: req.state,
      expectedNonce: req.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    assert.equal(claims?.['cognito:username'], 'alice');
    assert.equal(claims?.email, 'alice@example.com');
    assert.equal(claims?.nonce, req.nonce);
    const v = await verifiers();
    assert.equal((await v.id.verify(tokens.id_token as string)).token_use, 'id');
    const access = await v.access.verify(tokens.access_token);
    assert.equal(access.scope, 'openid email profile aws.cognito.signin.user.admin');
    assert.ok(access.origin_jti, 'the access token names its grant');

    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub as string);
    assert.equal(info.username, 'alice');
    assert.equal(info.email, 'alice@example.com');
    assert.equal(info.email_verified, 'true', 'Cognito sends attribute values as strings');
    // The OAuth access token (with the admin scope) serves the user-pool API too.
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: tokens.access_token }))).Username, 'alice');

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    assert.ok(refreshed.access_token && refreshed.id_token);
    assert.equal((await v.access.verify(refreshed.access_token)).origin_jti, access.origin_jti, 'refresh stays in the grant');

    await oidc.tokenRevocation(config, tokens.refresh_token as string);
    for (const t of [tokens.access_token, refreshed.access_token]) {
      const res = await fetch(`${server.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${t}` } });
      assert.equal(res.status, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
      assert.equal((await res.json()).error, 'invalid_token');
      await assert.rejects(idp.send(new GetUserCommand({ AccessToken: t })), /Access Token has been revoked/);
    }
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token as string), (e: oidc.ResponseBodyError) => {
      assert.equal(e.error, 'invalid_grant');
      return true;
    });

    // Still signed in on the domain: a new request is approved without the form.
    const again = await authorizeUrl();
    const quick = await b.get(again.url);
    assert.equal(quick.status, 302);
    const second = await oidc.authorizationCodeGrant(config, new URL(quick.headers.get('location') as string), {
      pkceCodeVerifier: again.verifier,
      expectedState: again.state,
      expectedNonce: again.nonce,
    });

    // /logout ends the browser session, as Cognito's does: the tokens already issued stay valid (ending
    // them is /oauth2/revoke's job, or --logout-ends-grants'), but the next authorization asks again.
    const out = await b.get(`/logout?client_id=${w.web.ClientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`);
    assert.equal(out.status, 302);
    assert.equal(out.headers.get('location'), SIGNED_OUT);
    assert.equal(b.jar.has('cognito'), false, 'the cookie is cleared');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: second.access_token }))).Username, 'alice');
    assert.ok((await oidc.refreshTokenGrant(config, second.refresh_token as string)).access_token);
    const third = await b.get((await authorizeUrl()).url);
    assert.equal(third.status, 302);
    assert.match(third.headers.get('location') ?? '', /^\/login\?/, 'signed out: the next request asks for credentials');
  });

  it('client_credentials: custom scopes, Basic or body auth, verified by aws-jwt-verify, not tied to a user', async () => {
    const cc = await oidc.discovery(new URL(`${server.url}/${w.poolId}`), w.svc.ClientId, w.svc.ClientSecret as string, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const t = await oidc.clientCredentialsGrant(cc, { scope: 'orders/read' });
    const v = JwtRsaVerifier.create({
      issuer: `${server.url}/${w.poolId}`,
      audience: null,
      jwksUri: `${server.url}/${w.poolId}/.well-known/jwks.json`,
    });
    v.cacheJwks(await (await fetch(`${server.url}/${w.poolId}/.well-known/jwks.json`)).json());
    const claims = await v.verify(t.access_token, { scope: 'orders/read' } as never);
    assert.equal(claims.sub, w.svc.ClientId);
    assert.equal(claims.client_id, w.svc.ClientId);
    assert.equal(claims.token_use, 'access');
    assert.equal(t.refresh_token, undefined);
    assert.equal(t.id_token, undefined);
    // Body authentication, all allowed scopes by default.
    const body = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: w.svc.ClientId,
        client_secret: w.svc.ClientSecret as string,
      }),
    });
    assert.equal(body.status, 200);
    const all = await body.json();
    assert.equal((await v.verify(all.access_token)).scope, 'orders/read orders/write');
    // Not a user's token: userInfo and GetUser refuse it.
    const info = await fetch(`${server.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${t.access_token}` } });
    assert.equal(info.status, 401);
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: t.access_token })), /Invalid Access Token/);
  });
});
