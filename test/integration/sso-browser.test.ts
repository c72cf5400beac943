/**
 * The pages in a real browser (headless Chromium via playwright-core): the device verification page, the
 * PKCE authorize page redirecting to a loopback listener like AWS CLI v2's, and the access portal.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from '../helpers/tools.ts';
import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { type Browser, chromium } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { ALICE, DEVICE_GRANT, START_URL, oidcClient, portalClient, startSsoServer } from './sso-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('Identity Center pages in Chromium', { needs: ['chromium'] }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startSsoServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await server.stop();
  });

  it('device flow: the verification page is filled, the code confirmed, "you can close this window"; the portal lists the roles', async () => {
    const oidc = oidcClient(server);
    const reg = await oidc.send(
      new RegisterClientCommand({ clientName: 'botocore-client-test', clientType: 'public', scopes: ['sso:account:access'] }),
    );
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }),
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(auth.verificationUriComplete as string);
    assert.equal(await page.inputValue('input[name="user_code"]'), auth.userCode);
    await page.fill('input[name="username"]', ALICE.user);
    await page.fill('input[name="password"]', ALICE.password);
    await page.click('#submit');
    assert.equal((await page.textContent('#user-code'))?.trim(), auth.userCode);
    await page.click('#allow');
    assert.match((await page.textContent('#done')) ?? '', /You can close this window/);

    const cookie = (await context.cookies()).find((c) => c.name === 'cognate_sso_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');

    const t = await oidc.send(
      new CreateTokenCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        grantType: DEVICE_GRANT,
        deviceCode: auth.deviceCode,
      }),
    );
    const accounts = await portalClient(server).send(new ListAccountsCommand({ accessToken: t.accessToken }));
    assert.equal(accounts.accountList?.length, 3);

    // Already signed in: the portal shows accounts and roles; signing out there ends the session's tokens.
    await page.goto(`${server.url}/start`);
    assert.equal(await page.locator('tr.account').count(), 3);
    assert.ok((await page.locator('span.role').allTextContents()).includes('AdministratorAccess'));
    await page.click('#sign-out');
    assert.ok(await page.isVisible('#sign-in-prompt'));
    await assert.rejects(portalClient(server).send(new ListAccountsCommand({ accessToken: t.accessToken })), {
      name: 'UnauthorizedException',
    });
    await context.close();
  });

  it('a wrong password shows the error page and approves nothing', async () => {
    const oidc = oidcClient(server);
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'c', clientType: 'public' }));
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }),
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(auth.verificationUriComplete as string);
    await page.fill('input[name="username"]', ALICE.user);
    await page.fill('input[name="password"]', 'Wrong-Passw0rd!');
    const resp = await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.equal(resp[0]?.status(), 401);
    assert.match((await page.textContent('[role="alert"]')) ?? '', /Incorrect username or password/);
    await assert.rejects(
      oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: auth.deviceCode,
        }),
      ),
      { name: 'AuthorizationPendingException' },
    );
    await context.close();
  });

  it('PKCE: /authorize signs in and redirects to the loopback listener with code and state', async () => {
    const got: URL[] = [];
    const listener = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (u.pathname === '/oauth/callback') got.push(u); // the browser may also ask for /favicon.ico
      res.end('ok');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as AddressInfo).port;
    try {
      const oidc = oidcClient(server);
      const reg = await oidc.send(
        new RegisterClientCommand({
          clientName: 'botocore-client-my-sso',
          clientType: 'public',
          scopes: ['sso:account:access'],
          grantTypes: ['authorization_code', 'refresh_token'],
          redirectUris: ['http://127.0.0.1/oauth/callback'],
          issuerUrl: START_URL,
        }),
      );
      const verifier = randomBytes(48).toString('base64url').slice(0, 64);
      const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: reg.clientId as string,
        redirect_uri: redirectUri,
        state: 'b7c1e7a0-state',
        code_challenge_method: 'S256',
        scopes: 'sso:account:access',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/authorize?${q}`);
      await page.fill('input[name="username"]', ALICE.user);
      await page.fill('input[name="password"]', ALICE.password);
      await page.click('#submit');
      await Promise.all([page.waitForURL(/oauth\/callback/), page.click('#allow')]);
      assert.equal(got.length, 1);
      assert.equal(got[0]?.searchParams.get('state'), 'b7c1e7a0-state');
      const t = await oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'authorization_code',
          code: got[0]?.searchParams.get('code') as string,
          redirectUri,
          codeVerifier: verifier,
        }),
      );
      assert.ok(t.accessToken && t.refreshToken);
      await context.close();
    } finally {
      listener.close();
    }
  });
});
