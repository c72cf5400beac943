/**
 * A real browser app on another origin: Amplify v6 Auth (bundled here with esbuild) configured with
 * Cognate as its userPoolEndpoint, served by a tiny static server, driven by playwright-core in
 * Debian's chromium. signIn (SRP), fetchAuthSession (cached and refreshed), signOut({ global: true });
 * afterwards the old tokens are refused by Cognate.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from '../helpers/tools.ts';
import { fileURLToPath } from 'node:url';
import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PASSWORD, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface AppActions {
  signIn(username: string, password: string): Promise<{ isSignedIn: boolean; step: string }>;
  session(forceRefresh?: boolean): Promise<{ accessToken?: string; idToken?: string; sub?: string }>;
  signOutGlobal(): Promise<{ accessToken?: string }>;
}
type AppWindow = { cognate: AppActions };

/** Bundles test/browser/app.ts for the browser into a temporary directory with an index.html. */
async function buildApp(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-web-'));
  await build({
    entryPoints: [fileURLToPath(new URL('./app.ts', import.meta.url))],
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
    '<!doctype html><html><head><title>app</title></head><body><script type="module" src="/app.js"></script></body></html>',
  );
  return dir;
}

/** A static file server for the app: its own origin, different from Cognate's. */
function serveStatic(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    if (!/^[\w.-]+$/.test(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, file));
      res.writeHead(200, { 'Content-Type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('Amplify v6 in Chromium, on another origin, against Cognate', { needs: ['chromium'] }, () => {
  let cognate: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;
  let appDir: string;
  let web: Server;
  let browser: Browser;
  let page: Page;
  const crossOrigin: string[] = [];

  before(async () => {
    cognate = await startTestServer();
    idp = idpClient(cognate);
    w = await world(idp);
    appDir = await buildApp();
    web = await serveStatic(appDir);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('request', (r) => {
      if (r.url().startsWith(cognate.url)) crossOrigin.push(`${r.method()} ${r.headers()['x-amz-target'] ?? ''}`);
    });
    const { port } = web.address() as AddressInfo;
    const q = new URLSearchParams({ pool: w.poolId, client: w.clientId, endpoint: `${cognate.url}/` });
    await page.goto(`http://localhost:${port}/?${q}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    assert.notEqual(new URL(page.url()).origin, new URL(cognate.url).origin);
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => web?.close(r));
    if (appDir) rmSync(appDir, { recursive: true, force: true });
    await cognate?.stop();
  });

  it('refuses a wrong password in the browser with Cognito’s error', async () => {
    const err = await page.evaluate(async () => {
      try {
        await (window as unknown as AppWindow).cognate.signIn('alice', 'Wrong-Horse-9');
        return 'signed in?';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    assert.equal(err, 'NotAuthorizedException: Incorrect username or password.');
  });

  it('signIn (SRP), fetchAuthSession, signOut({ global: true }); the old tokens are then refused', async (t) => {
    const started = performance.now();
    const result = await page.evaluate(([u, p]) => (window as unknown as AppWindow).cognate.signIn(u, p), ['alice', PASSWORD] as const);
    t.diagnostic(`Amplify signIn (USER_SRP_AUTH) in Chromium: ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(result, { isSignedIn: true, step: 'DONE' });
    assert.ok(crossOrigin.includes('POST AWSCognitoIdentityProviderService.InitiateAuth'));
    assert.ok(crossOrigin.includes('POST AWSCognitoIdentityProviderService.RespondToAuthChallenge'));

    const first = await page.evaluate(() => (window as unknown as AppWindow).cognate.session());
    assert.ok(first.accessToken && first.idToken);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: first.accessToken }))).Username, 'alice');

    // A forced refresh goes back to Cognate (GetTokensFromRefreshToken) for new tokens of the same grant.
    const refreshed = await page.evaluate(() => (window as unknown as AppWindow).cognate.session(true));
    assert.ok(refreshed.accessToken);
    assert.notEqual(refreshed.accessToken, first.accessToken);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: refreshed.accessToken }))).Username, 'alice');
    const refreshToken = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith('.refreshToken'));
      return key ? localStorage.getItem(key) : null;
    });
    assert.ok(refreshToken, 'Amplify keeps the refresh token in localStorage');

    const after = await page.evaluate(() => (window as unknown as AppWindow).cognate.signOutGlobal());
    assert.equal(after.accessToken, undefined, 'the app holds no tokens any more');
    assert.ok(crossOrigin.includes('POST AWSCognitoIdentityProviderService.GlobalSignOut'));

    for (const token of [first.accessToken, refreshed.accessToken]) {
      await assert.rejects(idp.send(new GetUserCommand({ AccessToken: token })), {
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    }
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
      ),
      { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
    );
  });
});
