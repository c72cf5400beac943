/**
 * PreTokenGeneration on the OAuth endpoints: TokenGeneration_HostedAuth when a managed-login code is
 * redeemed, and (V3_0 only) TokenGeneration_ClientCredentials for machine-to-machine tokens. Functions
 * behind the Lambda Invoke API test server, as in lambda-triggers-http.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD } from '../helpers/fixtures.ts';
import { arnOf, type Event } from '../helpers/lambda-functions.ts';
import { claimsOf, type SuiteEnv, startTriggerEnv } from '../helpers/lambda-trigger-suite.ts';
import { Browser, CALLBACK, oauthWorld, signInThroughPages } from './managed-login-helpers.ts';

describe('PreTokenGeneration on /oauth2/token', () => {
  let env: SuiteEnv;
  let w: Awaited<ReturnType<typeof oauthWorld>>;
  before(async () => {
    env = await startTriggerEnv('http');
    w = await oauthWorld(env.idp, 'triggers-app');
    await env.idp.send(
      new UpdateUserPoolCommand({
        UserPoolId: w.poolId,
        LambdaConfig: {
          PreTokenGenerationConfig: { LambdaArn: arnOf('pre-token'), LambdaVersion: 'V3_0' },
          PreAuthentication: arnOf('pre-auth'),
          PostAuthentication: arnOf('post-auth'),
        },
      }),
    );
    env.fns.on('pre-token', (e: Event) => ({
      ...e,
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { source: e.triggerSource } },
          accessTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' }, scopesToSuppress: ['orders/write'] },
        },
      },
    }));
  });
  after(async () => {
    await env.server.stop();
    await env.lambda?.close();
  });

  it('client_credentials with a V3_0 trigger: TokenGeneration_ClientCredentials customises the access token', async () => {
    env.fns.calls.length = 0;
    const res = await fetch(`${env.server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: w.svc.ClientId,
        client_secret: w.svc.ClientSecret as string,
      }),
    });
    assert.equal(res.status, 200);
    const access = claimsOf(((await res.json()) as { access_token: string }).access_token);
    assert.equal(access.tier, 'gold');
    assert.equal(access.scope, 'orders/read', 'orders/write suppressed by the function');
    const [e] = env.fns.events('pre-token');
    assert.ok(e, 'the trigger ran');
    assert.equal(e.triggerSource, 'TokenGeneration_ClientCredentials');
    assert.equal(e.version, '3');
    assert.deepEqual((e.request as { scopes: string[] }).scopes, ['orders/read', 'orders/write']);
  });

  it('a refusing PostAuthentication keeps the /login page from signing the browser in', async () => {
    env.fns.on('post-auth', () => {
      throw new Error('kiosk closed');
    });
    try {
      const b = new Browser(env.server.url);
      const q = new URLSearchParams({ client_id: w.web.ClientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
      const page = await signInThroughPages(b, `/oauth2/authorize?${q}`, 'alice', PASSWORD);
      assert.equal(page.status, 400);
      assert.match(await page.text(), /PostAuthentication failed with error kiosk closed\./);
      assert.equal(b.jar.has('cognito'), false, 'no managed-login session');
    } finally {
      env.fns.on('post-auth', (e) => e);
    }
  });

  it('a managed-login code redeemed: TokenGeneration_HostedAuth customises both tokens', async () => {
    env.fns.calls.length = 0;
    const b = new Browser(env.server.url);
    const q = new URLSearchParams({ client_id: w.web.ClientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email' });
    const signedIn = await signInThroughPages(b, `/oauth2/authorize?${q}`, 'alice', PASSWORD);
    assert.equal(signedIn.status, 302);
    const code = new URL(signedIn.headers.get('location') as string).searchParams.get('code') as string;
    const res = await fetch(`${env.server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: w.web.ClientId, code, redirect_uri: CALLBACK }),
    });
    assert.equal(res.status, 200);
    const tokens = (await res.json()) as { access_token: string; id_token: string };
    assert.equal(claimsOf(tokens.id_token).source, 'TokenGeneration_HostedAuth');
    assert.equal(claimsOf(tokens.access_token).tier, 'gold');
    // The /login page ran the sign-in triggers too.
    assert.deepEqual(
      env.fns.calls.map((c) => c.event.triggerSource),
      ['PreAuthentication_Authentication', 'PostAuthentication_Authentication', 'TokenGeneration_HostedAuth'],
    );
    const hosted = env.fns.events('pre-token').find((x) => x.triggerSource === 'TokenGeneration_HostedAuth');
    assert.ok(hosted);
    assert.deepEqual((hosted.request as { scopes: string[] }).scopes, ['openid', 'email']);
  });
});
