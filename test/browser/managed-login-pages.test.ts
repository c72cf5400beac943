/**
 * The managed-login pages in Chromium with JavaScript switched off: the authorize redirect lands on the
 * sign-in form, whose inputs are found by their labels, and submitting it with the keyboard reaches the
 * app's callback with a code. Screenshots of each page (desktop and phone) are written to
 * $COGNATE_SCREENSHOTS (default: a temporary directory) so a person can look at them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from '../helpers/tools.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { createClient, PASSWORD } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { oauthWorld } from '../integration/managed-login-helpers.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'];
const SHOTS = process.env.COGNATE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'cognate-screens-'));

describe('managed-login pages in Chromium without JavaScript', { needs: ['chromium'] }, () => {
  let server: TestServer;
  let browser: Browser;
  let app: Server;
  let CALLBACK: string;
  let w: { web: { ClientId: string } };

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The app's callback: a real listener, since a browser follows the 302 to it.
    app = createServer((_req, res) => res.end('app callback'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    CALLBACK = `http://localhost:${(app.address() as AddressInfo).port}/cb`;
    server = await startTestServer();
    const idp = idpClient(server);
    const world = await oauthWorld(idp);
    const web = await createClient(idp, world.poolId, {
      ClientName: 'Orders web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
    });
    w = { web };
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    app?.close();
  });

  async function context(phone: boolean): Promise<BrowserContext> {
    return browser.newContext({
      javaScriptEnabled: false,
      viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
      ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    });
  }

  const authorizeUrl = () =>
    `${server.url}/oauth2/authorize?${new URLSearchParams({ client_id: w.web.ClientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email', state: 'st-1' })}`;

  for (const phone of [false, true]) {
    const kind = phone ? 'phone' : 'desktop';
    it(`signs in with the keyboard and lands on the callback with a code (${kind})`, async () => {
      const ctx = await context(phone);
      try {
        const page = await ctx.newPage();
        await page.goto(authorizeUrl());
        assert.match(page.url(), /\/login\?/);
        assert.equal(await page.title(), 'Sign in');
        await page.screenshot({ path: join(SHOTS, `sign-in-${kind}.png`), fullPage: true });
        await page.getByLabel('Username').fill('alice');
        await page.getByLabel('Password').fill('not-it-1A!');
        await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Sign in' }).click()]);
        assert.equal(await page.getByRole('alert').textContent(), 'Incorrect username or password.');
        await page.screenshot({ path: join(SHOTS, `sign-in-error-${kind}.png`), fullPage: true });
        await page.getByLabel('Password').fill(PASSWORD);
        await Promise.all([page.waitForURL(`${CALLBACK}**`), page.getByLabel('Password').press('Enter')]);
        const landed = new URL(page.url());
        assert.ok(landed.searchParams.get('code'));
        assert.equal(landed.searchParams.get('state'), 'st-1');
      } finally {
        await ctx.close();
      }
    });
  }

  it('sign-up, forgot-password and error pages render with labelled inputs', async () => {
    const ctx = await context(true);
    try {
      const page = await ctx.newPage();
      const q = new URLSearchParams({ client_id: w.web.ClientId, response_type: 'code', redirect_uri: CALLBACK });
      await page.goto(`${server.url}/signup?${q}`);
      for (const label of ['Username', 'Email address', 'Password']) assert.equal(await page.getByLabel(label).count(), 1, label);
      await page.screenshot({ path: join(SHOTS, 'sign-up-phone.png'), fullPage: true });
      await page.goto(`${server.url}/forgotPassword?${q}`);
      assert.equal(await page.getByLabel('Username').count(), 1);
      await page.screenshot({ path: join(SHOTS, 'forgot-password-phone.png'), fullPage: true });
      const bad = await page.goto(
        `${server.url}/oauth2/authorize?client_id=${w.web.ClientId}&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F`,
      );
      assert.equal(bad?.status(), 400);
      assert.match((await page.getByRole('alert').textContent()) ?? '', /redirect_mismatch/);
      await page.screenshot({ path: join(SHOTS, 'error-phone.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });
});
