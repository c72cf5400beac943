/**
 * Differential test against AWS CLI v2 (Debian's awscli, /usr/bin/aws): the same commands through v2 and
 * through `cognate`, against the same real Cognate server, stdout compared byte for byte and exit codes
 * equal — json, text, table, yaml and yaml-stream, paginated and --query'd results, skeletons,
 * --cli-input-json/--cli-input-yaml, service errors. What differs on purpose (the `cognate: [ERROR]: `
 * prefix of AWS CLI v2 2.36, newer than Debian's 2.9; usage-error texts) is listed in
 * docs/cli-differences.md and normalised here, nothing else.
 */
import assert from 'node:assert/strict';
import { PASSWORD, signIn, world } from '../helpers/fixtures.ts';
import { type CliResult, awsEnv, idpClient, run, startTestServer, type TestServer } from '../helpers/server.ts';
import { AWS_V2, after, before, describe, test } from '../helpers/tools.ts';
import { cognate } from './cognate-helpers.ts';

const OUTPUTS = ['json', 'text', 'table', 'yaml', 'yaml-stream'];

/** cognate's service-error line carries v2 2.36's `cognate: [ERROR]: ` prefix; Debian's v2 2.9 has none. */
const unprefixed = (stderr: string) => stderr.replace('\ncognate: [ERROR]: ', '\n');

describe('cognate agrees with AWS CLI v2 on the same server', { needs: ['aws-v2'] }, () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let poolId: string;
  let clientId: string;
  const v2 = (args: string[], e = env): Promise<CliResult> => run(AWS_V2, ['--endpoint-url', server.url, ...args], e);
  const both = (args: string[], e = env) => Promise.all([v2(args, e), cognate(['--endpoint-url', server.url, ...args], e)]);
  const same = async (args: string[], e = env, norm = (s: string) => s) => {
    const [a, c] = await both(args, e);
    const what = args.join(' ');
    assert.equal(c.status, a.status, `${what}: exit ${c.status} vs v2 ${a.status}\n${c.stderr}\n${a.stderr}`);
    assert.equal(norm(c.stdout), norm(a.stdout), what);
    assert.equal(unprefixed(c.stderr), a.stderr, what);
    return c;
  };

  before(async () => {
    server = await startTestServer();
    // AWS_PAGER unset on purpose: v2 pages only to a terminal, and these outputs go to a pipe.
    env = awsEnv(server, { AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard' });
    const w = await world(idpClient(server));
    poolId = w.poolId;
    clientId = w.clientId as string;
    for (const name of ['bob', 'carol', 'dave']) {
      const r = await cognate(
        ['--endpoint-url', server.url, 'cognito-idp', 'admin-create-user', '--user-pool-id', poolId, '--username', name],
        env,
      );
      assert.equal(r.status, 0, r.stderr);
    }
  });
  after(() => server.stop());

  test('every output format of describe calls, byte for byte', async () => {
    for (const output of OUTPUTS) {
      await same(['cognito-idp', 'describe-user-pool-client', '--user-pool-id', poolId, '--client-id', clientId, '--output', output]);
      // Debian's v2 carries an older model, which drops the newer members of DescribeUserPool's answer.
      await same([
        'cognito-idp',
        'describe-user-pool',
        '--user-pool-id',
        poolId,
        '--query',
        'UserPool.{Id:Id,Name:Name,CreationDate:CreationDate,LastModifiedDate:LastModifiedDate,Mfa:MfaConfiguration,Users:EstimatedNumberOfUsers}',
        '--output',
        output,
      ]);
    }
  });

  test('paginated results: whole, --max-items with its NextToken, --page-size, and yaml-stream page by page', async () => {
    // Page tokens are sealed afresh on every call (and --max-items' NextToken wraps one): same length, other bytes.
    const tokens = (s: string) => s.replace(/v1\.[\w.-]+/g, 'PAGE-TOKEN').replace(/eyJ[\w+/=]+/g, 'NEXT-TOKEN');
    for (const output of OUTPUTS) {
      await same(['cognito-idp', 'list-users', '--user-pool-id', poolId, '--output', output]);
      await same(['cognito-idp', 'list-users', '--user-pool-id', poolId, '--max-items', '2', '--output', output], env, tokens);
    }
    // Page by page: what text and yaml-stream print as each page arrives.
    for (const output of ['text', 'yaml-stream']) {
      await same(['cognito-idp', 'list-users', '--user-pool-id', poolId, '--page-size', '1', '--output', output], env, tokens);
    }
  });

  test('--query in every format', async () => {
    for (const output of OUTPUTS) {
      for (const query of ['Users[?Username==`bob`].Attributes[0]', 'Nope']) {
        await same(['cognito-idp', 'list-users', '--user-pool-id', poolId, '--query', query, '--output', output]);
      }
    }
  });

  test('a signed-in user: get-user, then global-sign-out (no output) and the refusal', async () => {
    const { accessToken } = await signIn(idpClient(server), clientId, 'alice', PASSWORD);
    for (const output of OUTPUTS) await same(['cognito-idp', 'get-user', '--access-token', accessToken, '--output', output]);
    // GlobalSignOut ends every session of the user: each CLI gets a fresh sign-in, one after the other.
    for (const output of OUTPUTS) {
      const a = await v2([
        'cognito-idp',
        'global-sign-out',
        '--access-token',
        (await signIn(idpClient(server), clientId, 'alice')).accessToken,
        '--output',
        output,
      ]);
      const t = (await signIn(idpClient(server), clientId, 'alice')).accessToken;
      const c = await cognate(
        ['--endpoint-url', server.url, 'cognito-idp', 'global-sign-out', '--access-token', t, '--output', output],
        env,
      );
      assert.deepEqual([c.status, c.stdout, c.stderr], [a.status, a.stdout, a.stderr], `global-sign-out --output ${output}`);
    }
    const r = await same(['cognito-idp', 'get-user', '--access-token', accessToken]);
    assert.equal(r.status, 254);
  });
});
