/**
 * Amplify v6 signInWithRedirect / signOut in Chromium against Cognate's TLS listener on a
 * `{prefix}.auth.localhost` domain: the app (its own origin) sends the browser to /oauth2/authorize, the
 * user signs in on the form, Amplify redeems the code (PKCE) at /oauth2/token and is signed in; signOut
 * revokes and goes through /logout back to the app; the next signInWithRedirect shows the form again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from '../helpers/tools.ts';
import { fileURLToPath } from 'node:url';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createPool, createUser, PASSWORD } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-sync',
  '--host-resolver-rules=MAP *.localhost 127.0.0.1',
];
type AppWindow = {
  cognate: {
    signIn(): Promise<void>;
    session(): Promise<{ accessToken?: string; idToken?: string }>;
    user(): Promise<string | null>;
    refreshToken(): string | null;
    signOut(): Promise<void>;
  };
};

async function buildApp(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-oauth-app-'));
  await build({
    entryPoints: [fileURLToPath(new URL('./oauth-app.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: join(dir, 'app.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>app</title><script src="/config.js"></script></head><body><script type="module" src="/app.js"></script></body></html>',
  );
  return dir;
}

function serveStatic(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    try {
      if (!/^[\w.-]+$/.test(file)) throw new Error('no');
      const body = readFileSync(join(dir, file));
      res.writeHead(200, { 'Content-Type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('Amplify v6 signInWithRedirect and signOut over TLS on {prefix}.auth.localhost', { needs: ['chromium'] }, () => {
  let cognate: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let appDir: string;
  let web: Server;
  let browser: Browser;
  let page: Page;
  let appUrl: string;
  let clientId: string;

  before(async () => {
    cognate = await startTestServer({ tlsSelfSigned: true, tlsPort: 0 });
    assert.ok(cognate.tls, 'the TLS listener is up');
    idp = idpClient(cognate);
    appDir = await buildApp();
    web = await serveStatic(appDir);
    appUrl = `http://localhost:${(web.address() as AddressInfo).port}/`;
    const poolId = await createPool(idp, 'amplify-oauth');
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'amplify-app' }));
    const c = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'Amplify app',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
        CallbackURLs: [appUrl],
        LogoutURLs: [appUrl],
        SupportedIdentityProviders: ['COGNITO'],
      }),
    );
    clientId = c.UserPoolClient?.ClientId as string;
    await createUser(idp, poolId, 'alice');
    const config = {
      pool: poolId,
      client: clientId,
      endpoint: `${cognate.url}/`,
      domain: `amplify-app.auth.localhost:${cognate.tls?.port}`,
      app: appUrl,
    };
    writeFileSync(join(appDir, 'config.js'), `window.COGNATE_CONFIG = ${JSON.stringify(config)};`);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
    page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await page.goto(appUrl);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => web?.close(r));
    if (appDir) rmSync(appDir, { recursive: true, force: true });
    await cognate?.stop();
  });

  const user = () => page.evaluate(() => (window as unknown as AppWindow).cognate.user());
  const session = () => page.evaluate(() => (window as unknown as AppWindow).cognate.session());
  const storedRefreshToken = () => page.evaluate(() => (window as unknown as AppWindow).cognate.refreshToken());

  /** Starts signInWithRedirect and waits for the sign-in form on the domain. */
  async function toSignInForm(): Promise<void> {
    void page.evaluate(() => (window as unknown as AppWindow).cognate.signIn()).catch(() => {});
    await page.waitForURL(/^https:\/\/amplify-app\.auth\.localhost:\d+\/login\?/, { timeout: 30_000 });
    assert.equal(await page.getByLabel('Username').count(), 1);
  }

  it('signs in through the managed-login form and is signed in in the app after the redirect', async () => {
    await toSignInForm();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((u) => u.toString().startsWith(appUrl), { timeout: 30_000 }),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    await page.waitForFunction(async () => (await (window as unknown as AppWindow).cognate.user()) !== null, undefined, {
      timeout: 30_000,
    });
    assert.equal(await user(), 'alice');
    const s = await session();
    assert.ok(s.accessToken && s.idToken);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: s.accessToken }))).Username, 'alice');
  });

  it('signOut revokes and logs out through /logout; the next signInWithRedirect shows the form again', async () => {
    const before = await session();
    const refreshToken = await storedRefreshToken();
    assert.ok(before.accessToken && refreshToken);
    // The app is already at its own URL: mark this document, so the waits below can only be met by the
    // document that /logout redirects back to (not by this one while signOut is still on its way).
    await page.evaluate(() => {
      document.body.dataset.ready = 'stale';
    });
    void page.evaluate(() => (window as unknown as AppWindow).cognate.signOut()).catch(() => {});
    await page.waitForURL((u) => u.toString().startsWith(appUrl) && !u.toString().includes('code='), { timeout: 30_000 });
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    assert.equal(await user(), null, 'the app holds no user any more');
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: before.accessToken })), /Access Token has been revoked/);
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
      ),
      /Refresh Token has been revoked/,
    );
    await toSignInForm();
  });
});
