/**
 * `cognate sso login` (device flow) completed in headless Chromium, the cache it writes read by the AWS
 * CLI v1 (botocore's SSO provider) and the AWS SDK v3 `fromSSO`, `cognate` itself using the SSO profiles,
 * and `cognate sso logout` really signing out while issued role credentials live on until they expire.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from '../helpers/tools.ts';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { fromSSO } from '@aws-sdk/credential-providers';
import type { Browser, BrowserContext } from 'playwright-core';
import { idpClient, run, type TestServer } from '../helpers/server.ts';
import { oidcClient, portalClient, startSsoServer } from '../integration/sso-fixtures.ts';
import { cognate } from './cognate-helpers.ts';
import { launchChromium, START_URL, signInAndAllow, ssoEnv, startCognate } from './sso-helpers.ts';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const TOKEN_FILE = `${sha1('my-sso')}.json`;
// SPEC §3.3's example: sso-session my-sso, us-east-1, scopes [sso:account:access].
const REGISTRATION_FILE = 'a8343d65418848d0bc13a5f25cbb32508ceec5d1.json';
const ADMIN_CREDS_FILE = `${sha1('{"accountId":"111111111111","roleName":"AdministratorAccess","sessionName":"my-sso"}')}.json`;
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Runs fromSSO with the process environment pointed at the temp HOME (the SDK reads process.env). */
async function sdkCredentials(env: NodeJS.ProcessEnv, profile: string) {
  const keys = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC'];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  for (const k of keys) process.env[k] = env[k];
  try {
    return await fromSSO({ profile })();
  } finally {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

describe('cognate sso login / logout with the real server', { needs: ['chromium'] }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let env: NodeJS.ProcessEnv;
  let cacheDir: string;
  let token: Record<string, string>;
  let adminCreds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

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

  it('device flow: prints the prompt, Chromium approves, the token cache is written as botocore writes it', async () => {
    const cli = startCognate(['sso', 'login', '--profile', 'admin', '--use-device-code', '--no-browser'], env);
    const m = await cli.waitFor(/which will autofill the code upon loading:\n(\S+)\n/);
    const complete = m[1] as string;
    const prompt = cli.stdout();
    const code = /Then enter the code:\n\n([A-Z]{4}-[A-Z]{4})\n/.exec(prompt)?.[1] as string;
    assert.equal(
      prompt,
      `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${server.url}/device\n\nThen enter the code:\n\n${code}\n\n` +
        `Alternatively, you may visit the following URL which will autofill the code upon loading:\n${complete}\n`,
    );
    const page = await context.newPage();
    await page.goto(complete);
    assert.equal(await page.inputValue('input[name="user_code"]'), code);
    await signInAndAllow(page);
    assert.match((await page.textContent('#done')) ?? '', /close this window/);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.endsWith(`\nSuccessfully logged into Start URL: ${START_URL}\n`));

    const path = join(cacheDir, TOKEN_FILE);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const text = readFileSync(path, 'utf8');
    token = JSON.parse(text);
    assert.deepEqual(Object.keys(token), [
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    assert.equal(token.startUrl, START_URL);
    assert.equal(token.region, 'us-east-1');
    assert.match(token.expiresAt as string, STAMP);
    assert.match(token.registrationExpiresAt as string, STAMP);
    const left = Date.parse(token.expiresAt as string) - Date.now();
    assert.ok(left > 3500_000 && left <= 3600_000, `expiresAt ${token.expiresAt}`);
    // Python's json.dumps: ", " and ": " separators, nothing else.
    const py = await run('python3', ['-c', 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d), end="")', path], env);
    assert.equal(text, py.stdout);

    const reg = JSON.parse(readFileSync(join(cacheDir, REGISTRATION_FILE), 'utf8'));
    assert.deepEqual(Object.keys(reg), ['clientId', 'clientSecret', 'expiresAt', 'scopes']);
    assert.equal(reg.clientId, token.clientId);
    assert.deepEqual(reg.scopes, ['sso:account:access']);
    assert.equal(statSync(join(cacheDir, REGISTRATION_FILE)).mode & 0o777, 0o600);
  });

  it('a second login reuses the cached registration', async () => {
    const cli = startCognate(['sso', 'login', '--profile', 'reader', '--use-device-code', '--no-browser'], env);
    const complete = (await cli.waitFor(/upon loading:\n(\S+)\n/))[1] as string;
    const page = await context.newPage();
    await page.goto(complete); // the browser is still signed in: only the confirmation is left
    await signInAndAllow(page);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    const again = JSON.parse(readFileSync(join(cacheDir, TOKEN_FILE), 'utf8'));
    assert.equal(again.clientId, token.clientId);
    assert.notEqual(again.accessToken, token.accessToken);
    token = again;
  });

  it('AWS CLI v1 reads the cache: the admin role signs an admin call, the read-only role is refused', { needs: ['aws-v1'] }, async () => {
    const ok = await run(
      'aws',
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'admin', '--endpoint-url', server.url],
      env,
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { UserPools: [] });
    const denied = await run(
      'aws',
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'reader', '--endpoint-url', server.url],
      env,
    );
    assert.equal(denied.status, 255);
    assert.match(denied.stderr, /An error occurred \(AccessDeniedException\) when calling the ListUserPools operation/);
    // v1 keeps SSO role credentials in memory only.
    assert.equal(existsSync(join(env.HOME as string, '.aws', 'cli', 'cache')), false);
  });

  it('the AWS SDK v3 fromSSO reads the cache and gets role credentials from Cognate', async () => {
    adminCreds = await sdkCredentials(env, 'admin');
    assert.ok(adminCreds.sessionToken && adminCreds.expiration);
    const left = (adminCreds.expiration as Date).getTime() - server.clock.now();
    assert.ok(left > 3500_000 && left <= 3600_000, 'the permission set lasts PT1H');
    const pools = await idpClient(server, adminCreds).send(new ListUserPoolsCommand({ MaxResults: 5 }));
    assert.deepEqual(pools.UserPools, []);
    const reader = await sdkCredentials(env, 'reader');
    await assert.rejects(idpClient(server, reader).send(new ListUserPoolsCommand({ MaxResults: 5 })), { name: 'AccessDeniedException' });
  });

  it('cognate uses SSO profiles as a credential source and caches the role credentials (0600)', async () => {
    const ok = await cognate(
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'admin', '--endpoint-url', server.url],
      env,
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { UserPools: [] });
    const credsPath = join(env.HOME as string, '.aws', 'cli', 'cache', ADMIN_CREDS_FILE);
    assert.equal(statSync(credsPath).mode & 0o777, 0o600);
    const cached = JSON.parse(readFileSync(credsPath, 'utf8'));
    assert.equal(cached.ProviderType, 'sso');
    assert.deepEqual(Object.keys(cached.Credentials), ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
    assert.match(cached.Credentials.Expiration, STAMP);
    assert.equal(cached.Credentials.AccountId, '111111111111');

    // The second call takes the cached credentials (same keys; no new GetRoleCredentials).
    const again = await cognate(
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'admin', '--endpoint-url', server.url],
      env,
    );
    assert.equal(again.status, 0, again.stderr);
    assert.equal(JSON.parse(readFileSync(credsPath, 'utf8')).Credentials.AccessKeyId, cached.Credentials.AccessKeyId);

    const denied = await cognate(
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'reader', '--endpoint-url', server.url],
      env,
    );
    assert.equal(denied.status, 254);
    assert.match(
      denied.stderr,
      /^\ncognate: \[ERROR\]: An error occurred \(AccessDeniedException\) when calling the ListUserPools operation/,
    );
  });

  it('sso logout: nothing printed, caches gone, the session ended everywhere, role credentials live until they expire', async () => {
    const r = await cognate(['sso', 'logout'], env);
    assert.deepEqual(r, { status: 0, stdout: '', stderr: '' });
    assert.equal(existsSync(join(cacheDir, TOKEN_FILE)), false);
    assert.equal(existsSync(join(cacheDir, REGISTRATION_FILE)), true, 'registrations stay');
    assert.deepEqual(readdirSync(join(env.HOME as string, '.aws', 'cli', 'cache')), []);

    await assert.rejects(
      portalClient(server).send(new ListAccountsCommand({ accessToken: token.accessToken })),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'UnauthorizedException');
        assert.equal(e.$metadata?.httpStatusCode, 401);
        assert.equal(e.message, 'Session token not found or invalid');
        return true;
      },
    );
    await assert.rejects(
      oidcClient(server).send(
        new CreateTokenCommand({
          clientId: token.clientId,
          clientSecret: token.clientSecret,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken,
        }),
      ),
      { name: 'InvalidGrantException' },
    );
    const page = await context.newPage();
    await page.goto(`${server.url}/start`);
    assert.ok(await page.isVisible('#sign-in-prompt'), 'the portal asks to sign in again');

    const noToken = await cognate(
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', 'admin', '--endpoint-url', server.url],
      env,
    );
    assert.equal(noToken.status, 255);
    assert.equal(noToken.stderr, '\ncognate: [ERROR]: Error loading SSO Token: Token for my-sso does not exist\n');

    // Role credentials issued before the logout keep working until the permission set's hour is over.
    await idpClient(server, adminCreds).send(new ListUserPoolsCommand({ MaxResults: 5 }));
    server.clock.advance(3601_000);
    await assert.rejects(idpClient(server, adminCreds).send(new ListUserPoolsCommand({ MaxResults: 5 })), {
      name: 'ExpiredTokenException',
    });
  });
});
