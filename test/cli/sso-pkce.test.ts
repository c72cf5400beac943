/**
 * `cognate sso login` with authorization code + PKCE (the default for sso-session profiles): Chromium
 * follows the printed authorize URL and is sent back to cognate's loopback listener. Then the token is
 * refreshed through CreateToken(refresh_token) when near expiry, and a legacy profile logs in with the
 * device flow through a "browser" opened via $BROWSER.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from '../helpers/tools.ts';
import type { Browser, BrowserContext } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { approveDevice, FormBrowser, startSsoServer } from '../integration/sso-fixtures.ts';
import { cognate } from './cognate-helpers.ts';
import { launchChromium, START_URL, signInAndAllow, ssoEnv, startCognate, startCognateOnTty } from './sso-helpers.ts';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const REGISTRATION_FILE = 'a8343d65418848d0bc13a5f25cbb32508ceec5d1.json';
const LEGACY_REGISTRATION_FILE = '365414a68be7c9bfc776c660981dbdbd942acea4.json';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cognate sso login: PKCE, refresh, legacy device flow with a browser', {
  needs: ['chromium'],
}, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let env: NodeJS.ProcessEnv;
  let cacheDir: string;
  const tokenPath = () => join(cacheDir, `${sha1('my-sso')}.json`);
  const listPools = () =>
    cognate(['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'admin', '--endpoint-url', server.url], env);

  before(async () => {
    server = await startSsoServer();
    browser = await launchChromium();
    context = await browser.newContext();
    env = ssoEnv(server.url);
    cacheDir = join(env.HOME as string, '.aws', 'sso', 'cache');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the authorize URL; the browser is redirected to the local listener; the token is cached', async () => {
    const cli = startCognate(['sso', 'login', '--profile', 'admin', '--no-browser'], env);
    const url = (await cli.waitFor(/Please visit the following URL:\n\n(\S+)\n/))[1] as string;
    assert.equal(cli.stdout(), `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${url}\n`);
    const u = new URL(url);
    assert.equal(`${u.origin}${u.pathname}`, `${server.url}/authorize`);
    assert.deepEqual(
      [...u.searchParams.keys()],
      ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge_method', 'scopes', 'code_challenge'],
    );
    assert.equal(u.searchParams.get('response_type'), 'code');
    assert.match(u.searchParams.get('redirect_uri') as string, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    assert.match(u.searchParams.get('state') as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(u.searchParams.get('scopes'), 'sso:account:access');
    assert.match(u.searchParams.get('code_challenge') as string, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(url.includes('&scopes=sso%3Aaccount%3Aaccess&'), 'urlencoded as Python does');

    const page = await context.newPage();
    await page.goto(url);
    await Promise.all([page.waitForURL(/127\.0\.0\.1:\d+\/oauth\/callback\?code=/), signInAndAllow(page)]);
    assert.match((await page.textContent('#done')) ?? '', /close this window/);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${url}\nSuccessfully logged into Start URL: ${START_URL}\n`,
    );

    const reg = JSON.parse(readFileSync(join(cacheDir, REGISTRATION_FILE), 'utf8'));
    assert.deepEqual(Object.keys(reg), ['clientId', 'clientSecret', 'expiresAt', 'scopes', 'grantTypes']);
    assert.deepEqual(reg.grantTypes, ['authorization_code', 'refresh_token']);
    assert.equal(reg.clientId, u.searchParams.get('client_id'));
    const token = JSON.parse(readFileSync(tokenPath(), 'utf8'));
    assert.equal(token.clientId, reg.clientId);
    assert.ok(token.refreshToken);
    assert.equal((await listPools()).status, 0);
  });

  it('a device login does not reuse the PKCE registration', async () => {
    const pkceClient = JSON.parse(readFileSync(join(cacheDir, REGISTRATION_FILE), 'utf8')).clientId;
    const cli = startCognate(['sso', 'login', '--profile', 'admin', '--use-device-code', '--no-browser'], env);
    const complete = (await cli.waitFor(/upon loading:\n(\S+)\n/))[1] as string;
    const reg = JSON.parse(readFileSync(join(cacheDir, REGISTRATION_FILE), 'utf8'));
    assert.notEqual(reg.clientId, pkceClient);
    assert.equal(reg.grantTypes, undefined);
    const page = await context.newPage();
    await page.goto(complete);
    await signInAndAllow(page);
    assert.equal((await cli.done).status, 0);
  });

  it('refreshes the token through CreateToken(refresh_token) within 15 minutes of expiry and writes it back', async () => {
    rmSync(join(env.HOME as string, '.aws', 'cli', 'cache'), { recursive: true, force: true });
    const before = JSON.parse(readFileSync(tokenPath(), 'utf8'));
    const soon = new Date(Date.now() + 5 * 60_000).toISOString(); // the JS SDK's form is accepted too
    writeFileSync(tokenPath(), JSON.stringify({ ...before, expiresAt: soon }, null, 2));
    const r = await listPools();
    assert.equal(r.status, 0, r.stderr);
    const after = JSON.parse(readFileSync(tokenPath(), 'utf8'));
    assert.notEqual(after.accessToken, before.accessToken);
    assert.notEqual(after.refreshToken, before.refreshToken, 'rotated');
    assert.equal(after.clientId, before.clientId);
    assert.match(after.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Date.parse(after.expiresAt) - Date.now() > 50 * 60_000);
  });

  it('an expired token whose refresh is refused fails with botocore’s text', async () => {
    rmSync(join(env.HOME as string, '.aws', 'cli', 'cache'), { recursive: true, force: true });
    const t = JSON.parse(readFileSync(tokenPath(), 'utf8'));
    writeFileSync(tokenPath(), JSON.stringify({ ...t, expiresAt: '2020-01-01T00:00:00Z', refreshToken: 'not-a-refresh-token' }));
    const r = await listPools();
    assert.equal(r.status, 255);
    assert.equal(r.stderr, '\ncognate: [ERROR]: Error when retrieving token from sso: Token has expired and refresh failed\n');
  });

  it('legacy profile: device flow, the browser is opened through $BROWSER, the file is named after the start URL', async () => {
    const urlFile = join(env.HOME as string, 'opened-url');
    const script = join(env.HOME as string, 'fake-browser.sh');
    writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > '${urlFile}'\n`);
    chmodSync(script, 0o755);
    const cli = startCognate(['sso', 'login', '--profile', 'legacy'], { ...env, BROWSER: script });
    await cli.waitFor(/upon loading:\n\S+\n/);
    assert.ok(
      cli
        .stdout()
        .startsWith(
          'Attempting to open your default browser.\nIf the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n\n',
        ),
    );
    while (!existsSync(urlFile)) await sleep(50);
    const opened = readFileSync(urlFile, 'utf8');
    assert.ok(cli.stdout().includes(`\n${opened}\n`), 'the opened URL is the verificationUriComplete');
    const page = await context.newPage();
    await page.goto(opened);
    await signInAndAllow(page);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    const token = JSON.parse(readFileSync(join(cacheDir, `${sha1(START_URL)}.json`), 'utf8'));
    assert.deepEqual(Object.keys(token), [
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
    ]);
    assert.ok(existsSync(join(cacheDir, LEGACY_REGISTRATION_FILE)));
    const ok = await cognate(
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'legacy', '--endpoint-url', server.url],
      env,
    );
    assert.equal(ok.status, 0, ok.stderr);
  });
  it('on a terminal a spinner runs while the login waits, and is erased before the success line', async () => {
    const ttyEnv = ssoEnv(server.url);
    const cli = startCognateOnTty(['sso', 'login', '--profile', 'legacy', '--no-browser'], ttyEnv);
    const code = (await cli.waitFor(/Then enter the code:\r?\n\r?\n([A-Z]{4}-[A-Z]{4})/))[1] as string;
    await cli.waitFor(/\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for authorization…/);
    const done = await approveDevice(new FormBrowser(server.url), code);
    assert.match(done.html, /close this window/);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stdout);
    assert.ok(r.stdout.includes('\r\u001b[KSuccessfully logged into Start URL: '), 'the spinner line is erased');
  });
});
