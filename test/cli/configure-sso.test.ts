/**
 * `cognate configure sso` end to end against the real seeded server: answers piped on stdin, the login
 * approved in headless Chromium (device code, PKCE), accounts and roles listed and picked, the config
 * file written around what was already there, and the profile then used by `cognate` and AWS CLI v1.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from '../helpers/tools.ts';
import type { Browser } from 'playwright-core';
import { run, type TestServer } from '../helpers/server.ts';
import { BOB, startSsoServer } from '../integration/sso-fixtures.ts';
import { cognate } from './cognate-helpers.ts';
import { launchChromium, START_URL, signInAndAllow, ssoEnv, startCognate } from './sso-helpers.ts';

const EXISTING = '# my settings\n[default]\nregion = us-east-1\n\n[profile other]\noutput = table\n';
const DEVICE_PROMPT = /Please visit the following URL:\n\n(\S+)\n\nThen enter the code:\n\n([A-Z]{4}-[A-Z]{4})\n\n.*upon loading:\n(\S+)\n/;
const lines = (...answers: string[]) => answers.map((a) => `${a}\n`).join('');

describe('cognate configure sso', { needs: ['chromium'] }, () => {
  let server: TestServer;
  let browser: Browser;
  let env: NodeJS.ProcessEnv;
  const config = () => readFileSync(env.AWS_CONFIG_FILE as string, 'utf8');
  const listPools = (profile: string, tool = 'cognate') =>
    tool === 'cognate'
      ? cognate(['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', profile, '--endpoint-url', server.url], env)
      : run('aws', ['cognito-idp', 'list-user-pools', '--max-results', '5', '--profile', profile, '--endpoint-url', server.url], env);

  before(async () => {
    server = await startSsoServer();
    browser = await launchChromium();
    env = ssoEnv(server.url, EXISTING);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('new session, device code: prompts, the pick of account and role, the config file, the closing text', async () => {
    const input = lines('my-sso', START_URL, 'us-east-1', '', '111111111111', 'AdministratorAccess', '', 'json', '');
    const cli = startCognate(['configure', 'sso', '--use-device-code', '--no-browser'], env, 120_000, input);
    const m = await cli.waitFor(DEVICE_PROMPT);
    const page = await (await browser.newContext()).newPage();
    await page.goto(m[3] as string);
    await signInAndAllow(page);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      `SSO session name (Recommended): my-sso\nSSO start URL [None]: ${START_URL}\nSSO region [None]: us-east-1\n` +
        'SSO registration scopes [sso:account:access]: \n' +
        `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${m[1]}\n\nThen enter the code:\n\n${m[2]}\n\n` +
        `Alternatively, you may visit the following URL which will autofill the code upon loading:\n${m[3]}\n` +
        'There are 3 AWS accounts available to you.\n' +
        '  1) Development, dev@example.com (111111111111)\n  2) Production, prod@example.com (222222222222)\n' +
        '  3) Sandbox, sandbox@example.com (333333333333)\n' +
        'Select an account (number or value) [1]: 111111111111\nUsing the account ID 111111111111\n' +
        'There are 2 roles available to you.\n  1) AdministratorAccess\n  2) ReadOnly\n' +
        'Select a role (number or value) [1]: AdministratorAccess\nUsing the role name "AdministratorAccess"\n' +
        'Default client Region [us-east-1]: \nCLI default output format (json if not specified) [None]: json\n' +
        'Profile name [AdministratorAccess-111111111111]: \n' +
        'To use this profile, specify the profile name using --profile, as shown:\n\n' +
        `cognate cognito-idp list-user-pools --max-results 10 --profile AdministratorAccess-111111111111 --endpoint-url ${server.url}\n`,
    );
    assert.equal(
      config(),
      `${EXISTING}[profile AdministratorAccess-111111111111]\nsso_session = my-sso\nsso_account_id = 111111111111\n` +
        'sso_role_name = AdministratorAccess\nregion = us-east-1\noutput = json\n' +
        `[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    );
    const ok = await listPools('AdministratorAccess-111111111111');
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { UserPools: [] });
  });

  it('AWS CLI v1 signs in with the profile configure sso wrote', { needs: ['aws-v1'] }, async () => {
    const ok = await listPools('AdministratorAccess-111111111111', 'aws');
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { UserPools: [] });
  });

  it('an existing session reuses the cached token (no login); --profile names the profile; a rerun updates it in place', async () => {
    let r = await startCognate(['configure', 'sso', '--profile', 'sandbox'], env, 60_000, lines('my-sso', '3', 'us-east-1', 'text')).done;
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout.replace(/ {2}\d\) .*\n/g, ''),
      'SSO session name (Recommended): my-sso\nThere are 3 AWS accounts available to you.\n' +
        'Select an account (number or value) [1]: 3\nUsing the account ID 333333333333\n' +
        'The only role available to you is: AdministratorAccess\nUsing the role name "AdministratorAccess"\n' +
        'Default client Region [None]: us-east-1\nCLI default output format (json if not specified) [None]: text\n' +
        'To use this profile, specify the profile name using --profile, as shown:\n\n' +
        `cognate cognito-idp list-user-pools --max-results 10 --profile sandbox --endpoint-url ${server.url}\n`,
    );
    const sandbox = '[profile sandbox]\nsso_session = my-sso\nsso_account_id = 333333333333\nsso_role_name = AdministratorAccess\n';
    assert.ok(config().endsWith(`sso_registration_scopes = sso:account:access\n${sandbox}region = us-east-1\noutput = text\n`), config());
    const ok = await listPools('sandbox');
    assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, '', ''], 'text output of an empty list prints nothing');

    // Again for the same profile: its values are the defaults; the lines change in place.
    const before = config();
    r = await startCognate(['configure', 'sso', '--profile', 'sandbox'], env, 60_000, lines('', '2', '', '')).done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^SSO session name \[my-sso\]: \n/);
    assert.match(r.stdout, /\nThe only role available to you is: ReadOnly\n/);
    assert.match(r.stdout, /\nDefault client Region \[us-east-1\]: \nCLI default output format \(json if not specified\) \[text\]: \n/);
    assert.equal(
      config(),
      before.replace(
        'sso_account_id = 333333333333\nsso_role_name = AdministratorAccess',
        'sso_account_id = 222222222222\nsso_role_name = ReadOnly',
      ),
    );
  });

  it('PKCE login for another user: a single account and role are announced and used', async () => {
    const cli = startCognate(
      ['configure', 'sso', '--profile', 'bob', '--no-browser'],
      env,
      120_000,
      lines('bob-sso', START_URL, 'us-east-1', 'sso:account:access', 'us-east-1', ''),
    );
    const url = (await cli.waitFor(/Please visit the following URL:\n\n(\S+)\n/))[1] as string;
    assert.equal(new URL(url).pathname, '/authorize');
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await Promise.all([page.waitForURL(/127\.0\.0\.1:\d+\/oauth\/callback\?code=/), signInAndAllow(page, BOB)]);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    assert.ok(
      r.stdout.endsWith(
        `${url}\nThe only AWS account available to you is: 111111111111\nUsing the account ID 111111111111\n` +
          'The only role available to you is: ReadOnly\nUsing the role name "ReadOnly"\n' +
          'Default client Region [None]: us-east-1\nCLI default output format (json if not specified) [None]: \n' +
          'To use this profile, specify the profile name using --profile, as shown:\n\n' +
          `cognate cognito-idp list-user-pools --max-results 10 --profile bob --endpoint-url ${server.url}\n`,
      ),
      r.stdout,
    );
    assert.ok(
      config().endsWith(
        '[profile bob]\nsso_session = bob-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\nregion = us-east-1\n' +
          `[sso-session bob-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
      ),
      config(),
    );
    // Bob's role credentials are real (the server knows the role) and not an administrator's.
    const denied = await listPools('bob');
    assert.equal(denied.status, 254);
    assert.match(denied.stderr, /An error occurred \(AccessDeniedException\) when calling the ListUserPools operation/);
  });

  it('legacy format (no session name): answers are validated and asked again; start URL and region go in the profile', async () => {
    const input = lines('', 'not a url', START_URL, '', 'us-east-1', '1', '2', '', '');
    const cli = startCognate(['configure', 'sso', '--profile', 'old', '--no-browser'], env, 120_000, input);
    const m = await cli.waitFor(DEVICE_PROMPT);
    const page = await (await browser.newContext()).newPage();
    await page.goto(m[3] as string);
    await signInAndAllow(page);
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    assert.ok(
      r.stdout.startsWith(
        'SSO session name (Recommended): \nWARNING: Configuring using legacy format (e.g. without an SSO session).\n' +
          'Consider re-running "configure sso" command and providing a session name.\n' +
          `SSO start URL [None]: not a url\nNot a valid Start URL\nSSO start URL [None]: ${START_URL}\n` +
          'SSO region [None]: \nA value is required\nSSO region [None]: us-east-1\nBrowser will not be automatically opened.\n',
      ),
      r.stdout,
    );
    assert.ok(
      config().endsWith(
        `[profile old]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
      ),
      config(),
    );
  });

  it('input that ends early fails like Python input() and writes nothing', async () => {
    const fresh = ssoEnv(server.url, EXISTING);
    const r = await startCognate(['configure', 'sso'], fresh, 30_000, lines('new-sso')).done;
    assert.equal(r.status, 255);
    assert.equal(r.stdout, 'SSO session name (Recommended): new-sso\nSSO start URL [None]: \n');
    assert.equal(r.stderr, '\ncognate: [ERROR]: EOF when reading a line\n');
    assert.equal(readFileSync(fresh.AWS_CONFIG_FILE as string, 'utf8'), EXISTING);
  });

  it('a missing or unknown configure subcommand is a usage error', async () => {
    const e = ssoEnv(server.url);
    const unknown = await cognate(['configure', 'ssoo'], e);
    assert.equal(unknown.status, 252);
    assert.match(unknown.stderr, /Found invalid choice 'ssoo'/);
    assert.match(unknown.stderr, /sso/);
    writeFileSync(e.AWS_CONFIG_FILE as string, '');
    const missing = await cognate(['configure'], e);
    assert.equal(missing.status, 252);
    const help = await cognate(['configure', 'help'], e);
    assert.deepEqual(
      [help.status, help.stdout],
      [
        0,
        'configure\n\nAVAILABLE COMMANDS\n       o export-credentials\n\n       o get\n\n       o list\n\n       o list-profiles\n\n       o set\n\n       o sso\n',
      ],
    );
    assert.match((await cognate(['help'], e)).stdout, /o configure\n/);
  });
});
