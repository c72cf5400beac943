/**
 * Bad input and failure paths of `cognate sso login`/`logout` and the SSO credential provider: the AWS
 * CLI v2 / botocore texts and exit codes, and nothing written when a login fails.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ListAccountsCommand } from '@aws-sdk/client-sso';
import type { TestServer } from '../helpers/server.ts';
import { approveDevice, deviceLogin, FormBrowser, portalClient, startSsoServer } from '../integration/sso-fixtures.ts';
import { cognate } from './cognate-helpers.ts';
import { START_URL, ssoConfig, ssoEnv, startCognate } from './sso-helpers.ts';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const err = (msg: string) => `\ncognate: [ERROR]: ${msg}\n`;
const MISSING =
  'An error occurred (Configuration): Missing the following required SSO configuration values: sso_start_url, sso_region. To make sure this profile is properly configured to use SSO, please run: aws configure sso';
const UNAUTHORIZED =
  'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.';

describe('cognate sso: bad input and failures', () => {
  let server: TestServer;
  before(async () => {
    server = await startSsoServer();
  });
  after(() => server?.stop());

  it('sso login without SSO configuration, with an unknown sso-session or profile, with unknown options', async () => {
    const env = ssoEnv(server.url, '[default]\nregion = us-east-1\n');
    assert.deepEqual(await cognate(['sso', 'login'], env), { status: 253, stdout: '', stderr: err(MISSING) });
    assert.deepEqual(await cognate(['sso', 'login', '--sso-session', 'nope'], env), {
      status: 253,
      stdout: '',
      stderr: err('An error occurred (Configuration): The specified sso-session does not exist: "nope"'),
    });
    const noProfile = await cognate(['sso', 'login', '--profile', 'nosuch'], env);
    assert.equal(noProfile.status, 255);
    assert.equal(noProfile.stderr, err('The config profile (nosuch) could not be found'));
    const bogus = await cognate(['sso', 'login', '--bogus'], env);
    assert.equal(bogus.status, 252);
    assert.match(bogus.stderr, /Unknown options: --bogus/);
    const skeleton = await cognate(['sso', 'logout', '--bogus', 'x'], env);
    assert.equal(skeleton.status, 252);
    assert.match(skeleton.stderr, /Unknown options: --bogus,x/);
    assert.equal(existsSync(join(env.HOME as string, '.aws')), false, 'nothing written');
  });

  it('an http start URL and a value that differs between profile and sso-session are refused before any request', async () => {
    const env = ssoEnv(server.url, ssoConfig('http://d-1234567890.awsapps.com/start'));
    assert.deepEqual(await cognate(['sso', 'login', '--profile', 'admin'], env), {
      status: 253,
      stdout: '',
      stderr: err('An error occurred (Configuration): The sso_start_url must use the https scheme.'),
    });
    assert.equal((await cognate(['sso', 'login', '--profile', 'legacy'], env)).status, 253);
    const mixed = ssoEnv(
      server.url,
      `${ssoConfig()}\n[profile mixed]\nsso_session = my-sso\nsso_region = us-west-2\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    );
    const r = await cognate(['sso', 'login', '--profile', 'mixed'], mixed);
    assert.equal(r.status, 253);
    assert.equal(
      r.stderr,
      err(
        'An error occurred (Configuration): The value for sso_region is inconsistent between profile (us-west-2) and sso-session (us-east-1).',
      ),
    );
    assert.equal(existsSync(join(env.HOME as string, '.aws')), false);
  });

  it('an expired device code ends the login with the "pending authorization … expired" text and writes no token', async () => {
    const env = ssoEnv(server.url);
    const cli = startCognate(['sso', 'login', '--profile', 'legacy', '--no-browser'], env);
    await cli.waitFor(/upon loading:\n\S+\n/);
    server.clock.advance(601_000); // the seed's device codes last the default 600 s
    const r = await cli.done;
    assert.equal(r.status, 255);
    assert.equal(
      r.stderr,
      err('The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.'),
    );
    assert.equal(existsSync(join(env.HOME as string, '.aws', 'sso', 'cache', `${sha1(START_URL)}.json`)), false);
  });

  it('a denied device authorization is the service error (exit 254) and writes no token', async () => {
    const env = ssoEnv(server.url);
    const cli = startCognate(['sso', 'login', '--profile', 'legacy', '--no-browser'], env);
    const code = (await cli.waitFor(/Then enter the code:\n\n(\S+)\n/))[1] as string;
    const denied = await approveDevice(new FormBrowser(server.url), code, undefined, 'deny');
    assert.match(denied.html, /denied/);
    const r = await cli.done;
    assert.equal(r.status, 254);
    assert.match(r.stderr, /An error occurred \(AccessDeniedException\) when calling the CreateToken operation/);
    assert.equal(existsSync(join(env.HOME as string, '.aws', 'sso', 'cache', `${sha1(START_URL)}.json`)), false);
  });

  it('SSO profiles: missing token, missing sso-session, incomplete profile, expired legacy token', async () => {
    const env = ssoEnv(
      server.url,
      `${ssoConfig()}\n[profile badref]\nsso_session = missing-sso\nsso_account_id = 1\nsso_role_name = r\nregion = us-east-1\n[profile half]\nsso_account_id = 111111111111\nregion = us-east-1\n`,
    );
    const call = (profile: string) =>
      cognate(['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', profile, '--endpoint-url', server.url], env);
    assert.deepEqual(await call('admin'), {
      status: 255,
      stdout: '',
      stderr: err('Error loading SSO Token: Token for my-sso does not exist'),
    });
    assert.deepEqual(await call('badref'), {
      status: 255,
      stdout: '',
      stderr: err('The specified sso-session does not exist: "missing-sso"'),
    });
    assert.equal(
      (await call('half')).stderr,
      err('The profile "half" is configured to use SSO but is missing required configuration: sso_start_url, sso_region, sso_role_name'),
    );
    const dir = join(env.HOME as string, '.aws', 'sso', 'cache');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${sha1(START_URL)}.json`),
      JSON.stringify({ startUrl: START_URL, region: 'us-east-1', accessToken: 'old', expiresAt: '2020-01-01T00:00:00Z' }),
    );
    assert.deepEqual(await call('legacy'), { status: 255, stdout: '', stderr: err(UNAUTHORIZED) });
    // A token the portal does not know is the same error (GetRoleCredentials answered 401).
    writeFileSync(
      join(dir, `${sha1(START_URL)}.json`),
      JSON.stringify({ startUrl: START_URL, region: 'us-east-1', accessToken: 'unknown', expiresAt: '2099-01-01T00:00:00Z' }),
    );
    assert.deepEqual(await call('legacy'), { status: 255, stdout: '', stderr: err(UNAUTHORIZED) });
  });

  it('sso logout --access-token: the API form (nothing printed; a service error exits 254)', async () => {
    const env = ssoEnv(server.url);
    const { token } = await deviceLogin(server);
    assert.deepEqual(await cognate(['sso', 'logout', '--access-token', token.accessToken as string], env), {
      status: 0,
      stdout: '',
      stderr: '',
    });
    await assert.rejects(portalClient(server).send(new ListAccountsCommand({ accessToken: token.accessToken })), {
      name: 'UnauthorizedException',
    });
    const again = await cognate(['sso', 'logout', '--access-token', token.accessToken as string], env);
    assert.equal(again.status, 254);
    assert.equal(
      again.stderr,
      err('An error occurred (UnauthorizedException) when calling the Logout operation: Session token not found or invalid'),
    );
  });

  it('sso logout sweeps only token files and SSO credentials; service errors are ignored', async () => {
    const env = ssoEnv(server.url);
    const { token } = await deviceLogin(server);
    const sso = join(env.HOME as string, '.aws', 'sso', 'cache');
    const cli = join(env.HOME as string, '.aws', 'cli', 'cache');
    mkdirSync(sso, { recursive: true });
    mkdirSync(cli, { recursive: true });
    writeFileSync(
      join(sso, 'live.json'),
      JSON.stringify({ accessToken: token.accessToken, region: 'us-east-1', expiresAt: '2099-01-01T00:00:00Z' }),
    );
    writeFileSync(join(sso, 'bogus.json'), JSON.stringify({ accessToken: 'bogus', region: 'us-east-1' }));
    writeFileSync(join(sso, 'no-region.json'), JSON.stringify({ accessToken: 'x' }));
    writeFileSync(join(sso, 'registration.json'), JSON.stringify({ clientId: 'c', clientSecret: 's', expiresAt: '2099-01-01T00:00:00Z' }));
    writeFileSync(join(sso, 'garbage.json'), '{not json');
    writeFileSync(join(cli, 'sso-creds.json'), JSON.stringify({ ProviderType: 'sso', Credentials: {} }));
    writeFileSync(join(cli, 'assume-role.json'), JSON.stringify({ Credentials: {} }));
    assert.deepEqual(await cognate(['sso', 'logout', '--endpoint-url', 'http://127.0.0.1:1'], env), { status: 0, stdout: '', stderr: '' });
    assert.deepEqual(readdirSync(sso).sort(), ['garbage.json', 'registration.json']);
    assert.deepEqual(readdirSync(cli), ['assume-role.json']);
    await assert.rejects(portalClient(server).send(new ListAccountsCommand({ accessToken: token.accessToken })), {
      name: 'UnauthorizedException',
    });
  });

  it('sso logout aborts on a connection failure (exit 255) and keeps the file it could not log out', async () => {
    const env = ssoEnv(server.url, ssoConfig(), { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:1', AWS_MAX_ATTEMPTS: '1' });
    const sso = join(env.HOME as string, '.aws', 'sso', 'cache');
    mkdirSync(sso, { recursive: true });
    writeFileSync(join(sso, 'tok.json'), JSON.stringify({ accessToken: 't', region: 'us-east-1' }));
    assert.deepEqual(await cognate(['sso', 'logout', '--endpoint-url', server.url], env), {
      status: 255,
      stdout: '',
      stderr: err('Could not connect to the endpoint URL: "http://127.0.0.1:1/logout"'),
    });
    assert.deepEqual(readdirSync(sso), ['tok.json']);
  });
});
