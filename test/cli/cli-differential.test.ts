/**
 * Differential test: the same commands through the installed AWS CLI v1 and through `cognate`, against
 * the same real Cognate server. Outputs must agree, modulo the documented v1/v2 differences
 * (docs/cli-differences.md): v2 exit codes (254/252 where v1 says 255), the `cognate: [ERROR]: `
 * prefix, and ISO-8601 timestamps where v1 prints epoch seconds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from '../helpers/tools.ts';
import { type CliResult, awsCli, awsEnv, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, signIn, world } from '../helpers/fixtures.ts';
import { cognate } from './cognate-helpers.ts';

const TIMESTAMP_KEYS = /^"(CreationDate|LastModifiedDate|UserCreateDate|UserLastModifiedDate)": ([0-9.]+)(,?)$/;

/** v1 prints epoch seconds; v2 (and cognate) ISO-8601 with microseconds, as Python's isoformat. */
function v1TimestampsToIso(json: string): string {
  return json
    .split('\n')
    .map((line) => {
      const m = TIMESTAMP_KEYS.exec(line.trim());
      if (!m) return line;
      const secs = Number(m[2]);
      const whole = Math.floor(secs);
      const micros = Math.round((secs - whole) * 1e6);
      const iso = `${new Date(whole * 1000).toISOString().slice(0, 19)}${micros ? `.${String(micros).padStart(6, '0')}` : ''}+00:00`;
      return line.replace(`${m[2]}`, `"${iso}"`);
    })
    .join('\n');
}

/** v1's error text is `\n<message>\n`; cognate's is `\ncognate: [ERROR]: <message>\n`. */
function sameError(v1: CliResult, c: CliResult, v2Code: number): void {
  assert.equal(v1.status, 255, v1.stderr);
  assert.equal(c.status, v2Code, c.stderr);
  assert.equal(c.stderr.replace('\ncognate: [ERROR]: ', '\n'), v1.stderr);
}

describe('cognate agrees with aws v1 on the same server', { needs: ['aws-v1'] }, () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let poolId: string;
  let clientId: string;
  const both = (args: string[]) => Promise.all([awsCli(server, args, env), cognate(['--endpoint-url', server.url, ...args], env)]);

  before(async () => {
    server = await startTestServer();
    env = awsEnv(server, { AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard' });
    const w = await world(idpClient(server));
    poolId = w.poolId;
    clientId = w.clientId;
  });
  after(() => server.stop());

  test('describe-user-pool: json equal after timestamp conversion; text and table too', async () => {
    for (const output of ['json', 'text', 'table']) {
      const [v1, c] = await both([
        'cognito-idp',
        'describe-user-pool-client',
        '--user-pool-id',
        poolId,
        '--client-id',
        clientId,
        '--output',
        output,
      ]);
      assert.equal(v1.status, 0, v1.stderr);
      assert.equal(c.status, 0, c.stderr);
      if (output === 'json') assert.equal(c.stdout, v1TimestampsToIso(v1.stdout));
      else {
        // Text and table show timestamps in place; compare everything else cell by cell.
        const strip = (s: string) => s.replace(/\d{4}-\d\d-\d\dT[\d:.]+\+00:00|\d{10}\.\d+|\d{10}/g, 'T').replace(/[ -]+/g, ' ');
        assert.equal(strip(c.stdout), strip(v1.stdout));
      }
    }
  });

  test('get-user with --query in json and text', async () => {
    const { accessToken } = await signIn(idpClient(server), clientId, 'alice', PASSWORD);
    for (const extra of [
      ['--query', 'Username'],
      ['--query', 'UserAttributes[?Name==`email`].Value'],
      ['--query', 'UserAttributes[?Name==`email`].Value', '--output', 'text'],
      ['--query', 'Nope'],
      ['--query', 'Nope', '--output', 'text'],
      ['--output', 'text'],
      ['--output', 'table'],
    ]) {
      const [v1, c] = await both(['cognito-idp', 'get-user', '--access-token', accessToken, ...extra]);
      assert.equal(v1.status, 0, v1.stderr);
      assert.equal(c.status, 0, c.stderr);
      assert.equal(c.stdout, v1.stdout, extra.join(' '));
    }
  });

  test('shorthand and list parameters reach the server the same way', async () => {
    const [v1, c] = await Promise.all([
      awsCli(
        server,
        [
          'cognito-idp',
          'admin-create-user',
          '--user-pool-id',
          poolId,
          '--username',
          'v1user',
          '--message-action',
          'SUPPRESS',
          '--user-attributes',
          'Name=email,Value=v1@example.com',
          'Name=name,Value=V One',
        ],
        env,
      ),
      cognate(
        [
          '--endpoint-url',
          server.url,
          'cognito-idp',
          'admin-create-user',
          '--user-pool-id',
          poolId,
          '--username',
          'cuser',
          '--message-action',
          'SUPPRESS',
          '--user-attributes',
          'Name=email,Value=v1@example.com',
          'Name=name,Value=V One',
        ],
        env,
      ),
    ]);
    assert.equal(v1.status, 0, v1.stderr);
    assert.equal(c.status, 0, c.stderr);
    const norm = (s: string) =>
      s
        .replace(/"Username": "\w+"/, '"Username": "U"')
        .replace(/"Value": "[0-9a-f-]{36}"/, '"Value": "SUB"')
        .replace(/"(\w+Date)": [^,\n]+/g, '"$1": D');
    assert.equal(norm(c.stdout), norm(v1.stdout));
  });

  test('global-sign-out: nothing printed, then the same service error (255 vs 254)', async () => {
    const { accessToken } = await signIn(idpClient(server), clientId, 'alice', PASSWORD);
    const c = await cognate(['--endpoint-url', server.url, 'cognito-idp', 'global-sign-out', '--access-token', accessToken], env);
    assert.deepEqual([c.status, c.stdout, c.stderr], [0, '', '']);
    const [v1, c2] = await both(['cognito-idp', 'get-user', '--access-token', accessToken]);
    sameError(v1, c2, 254);
    assert.match(c2.stderr, /when calling the GetUser operation/);
  });

  test('service errors with a validation failure on the server', async () => {
    const [v1, c] = await both(['cognito-idp', 'admin-user-global-sign-out', '--user-pool-id', 'bad', '--username', 'u']);
    sameError(v1, c, 254);
  });

  test('input skeletons are identical (enum placeholders aside)', async () => {
    for (const args of [
      ['cognito-idp', 'global-sign-out', '--generate-cli-skeleton'],
      ['cognito-idp', 'revoke-token', '--generate-cli-skeleton', 'input'],
      ['cognito-idp', 'create-user-pool', '--generate-cli-skeleton'],
      ['sso', 'list-accounts', '--generate-cli-skeleton'],
      ['sso-oidc', 'create-token', '--generate-cli-skeleton'],
      ['cognito-identity', 'get-id', '--generate-cli-skeleton'],
    ]) {
      const [v1, c] = await both(args);
      assert.equal(c.status, 0, c.stderr);
      // Enum placeholders are random in both CLIs: any non-empty string value at the end of a line.
      const noEnums = (s: string) => s.replace(/"[^"]+"(?=,?$)/gm, '"ENUM"');
      assert.equal(noEnums(c.stdout), noEnums(v1.stdout), args.join(' '));
    }
  });

  test('output skeletons agree', async () => {
    const [v1, c] = await both([
      'sso',
      'get-role-credentials',
      '--role-name',
      'r',
      '--account-id',
      '1',
      '--access-token',
      't',
      '--generate-cli-skeleton',
      'output',
    ]);
    assert.equal(c.status, 0, c.stderr);
    assert.equal(c.stdout, v1.stdout);
    const [e1, e2] = await both(['cognito-idp', 'global-sign-out', '--access-token', 'x', '--generate-cli-skeleton', 'output']);
    assert.deepEqual([e2.status, e2.stdout], [0, '']);
    assert.equal(e1.stdout, '');
  });

  test('--cli-input-json merges with command-line values winning', async () => {
    const { accessToken } = await signIn(idpClient(server), clientId, 'alice', PASSWORD);
    const json = JSON.stringify({ AccessToken: 'from-json' });
    const [v1, c] = await both(['cognito-idp', 'get-user', '--cli-input-json', json, '--access-token', accessToken, '--query', 'Username']);
    assert.equal(c.status, 0, c.stderr);
    assert.equal(c.stdout, v1.stdout);
    assert.equal(c.stdout, '"alice"\n');
  });

  test('client-side validation texts agree (exit 255 vs 252)', async () => {
    const [v1, c] = await both([
      'cognito-idp',
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      clientId,
      '--session',
      'short',
    ]);
    assert.equal(v1.status, 255);
    assert.equal(c.status, 252);
    assert.equal(c.stderr.replace('\ncognate: [ERROR]: An error occurred (ParamValidation): ', '\n'), v1.stderr);
  });

  test('unknown profile and bad JSON parameter texts agree', async () => {
    const [p1, p2] = await both(['cognito-idp', 'global-sign-out', '--access-token', 'x', '--profile', 'nosuch']);
    sameError(p1, p2, 255);
    const [j1, j2] = await both(['cognito-idp', 'sign-up', '--client-id', 'c', '--username', 'u', '--user-attributes', '{"Name":']);
    assert.equal(j2.stderr.replace('\ncognate: [ERROR]: An error occurred (ParamValidation): ', '\n'), j1.stderr);
  });
});
