/**
 * The managed-login session model across the services: tokens from the code flow are judged by the
 * same grant as API sign-ins, so /oauth2/revoke is seen by identity pools with ServerSideTokenCheck;
 * the browser session and its grants survive a restart; /logout after the restart ends the session (and,
 * with --logout-ends-grants, its grants too).
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { PASSWORD } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { awsProviderName, createIdentityPool, identityClient } from './identity-pools-helpers.ts';
import { Browser, CALLBACK, oauthWorld, SIGNED_OUT, signInThroughPages } from './managed-login-helpers.ts';

describe('managed-login sessions across services and restarts', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof oauthWorld>>;

  before(async () => {
    server = await startTestServer();
    w = await oauthWorld(idpClient(server));
  });
  after(() => server.stop());

  const authorizeUrl = (challenge: string) =>
    `/oauth2/authorize?${new URLSearchParams({
      client_id: w.web.ClientId,
      response_type: 'code',
      redirect_uri: CALLBACK,
      scope: 'openid email aws.cognito.signin.user.admin',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;

  /** Code (through the form or the live session) → tokens. */
  async function tokens(b: Browser) {
    const v = randomBytes(32).toString('base64url');
    const url = authorizeUrl(createHash('sha256').update(v).digest('base64url'));
    const res = b.jar.has('cognito') ? await b.get(url) : await signInThroughPages(b, url, 'alice', PASSWORD);
    const code = new URL(res.headers.get('location') as string).searchParams.get('code') as string;
    const r = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: w.web.ClientId,
        redirect_uri: CALLBACK,
        code,
        code_verifier: v,
      }),
    });
    assert.equal(r.status, 200);
    return (await r.json()) as { access_token: string; id_token: string; refresh_token: string };
  }

  it('/oauth2/revoke is seen by an identity pool with ServerSideTokenCheck', async () => {
    const ci = identityClient(server);
    const idPool = await createIdentityPool(ci, 'checked', [
      { ProviderName: awsProviderName(w.poolId), ClientId: w.web.ClientId, ServerSideTokenCheck: true },
    ]);
    const t = await tokens(new Browser(server.url));
    const logins = { [awsProviderName(w.poolId)]: t.id_token };
    assert.ok((await ci.send(new GetIdCommand({ IdentityPoolId: idPool, Logins: logins }))).IdentityId);
    const revoked = await fetch(`${server.url}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: t.refresh_token, client_id: w.web.ClientId }),
    });
    assert.equal(revoked.status, 200);
    await assert.rejects(
      ci.send(new GetIdCommand({ IdentityPoolId: idPool, Logins: logins })),
      (e: Error) => e.name === 'NotAuthorizedException',
    );
  });

  it('the browser session and its grants survive a restart; /logout afterwards ends the session, not its tokens', async () => {
    const b = new Browser(server.url);
    const t = await tokens(b);
    server = await server.restart();
    const idp = idpClient(server);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: t.access_token }))).Username, 'alice');
    const quick = await b.get(authorizeUrl(createHash('sha256').update('w'.repeat(43)).digest('base64url')));
    assert.match(quick.headers.get('location') ?? '', /\?code=/, 'still signed in after the restart');
    const out = await b.get(`/logout?client_id=${w.web.ClientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`);
    assert.equal(out.headers.get('location'), SIGNED_OUT);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: t.access_token }))).Username, 'alice');
    assert.match((await b.get(authorizeUrl('z'.repeat(43)))).headers.get('location') ?? '', /^\/login\?/);
  });

  it('with --logout-ends-grants, /logout after a restart ends the session and its grants, durably', async () => {
    await server.close();
    server = await startTestServer({ logoutEndsGrants: true }, undefined, server.dataDir);
    const b = new Browser(server.url);
    const t = await tokens(b);
    server = await server.restart();
    const idp = idpClient(server);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: t.access_token }))).Username, 'alice');
    const quick = await b.get(authorizeUrl(createHash('sha256').update('x'.repeat(43)).digest('base64url')));
    assert.match(quick.headers.get('location') ?? '', /\?code=/, 'still signed in after the restart');
    const out = await b.get(`/logout?client_id=${w.web.ClientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`);
    assert.equal(out.headers.get('location'), SIGNED_OUT);
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: t.access_token })), /Access Token has been revoked/);
    server = await server.restart();
    await assert.rejects(idpClient(server).send(new GetUserCommand({ AccessToken: t.access_token })), /Access Token has been revoked/);
    assert.match((await b.get(authorizeUrl('y'.repeat(43)))).headers.get('location') ?? '', /^\/login\?/);
  });
});
