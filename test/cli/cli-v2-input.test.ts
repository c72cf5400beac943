/**
 * Differential test against AWS CLI v2, second half (errors, skeletons, input files; the output formats
 * are in cli-v2-differential.test.ts). Against AWS CLI v2 (Debian's awscli, /usr/bin/aws): the same commands through v2 and
 * through `cognate`, against the same real Cognate server, stdout compared byte for byte and exit codes
 * equal — json, text, table, yaml and yaml-stream, paginated and --query'd results, skeletons,
 * --cli-input-json/--cli-input-yaml, service errors. What differs on purpose (the `cognate: [ERROR]: `
 * prefix of AWS CLI v2 2.36, newer than Debian's 2.9; usage-error texts) is listed in
 * docs/cli-differences.md and normalised here, nothing else.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { world } from '../helpers/fixtures.ts';
import { type CliResult, awsEnv, idpClient, run, startTestServer, type TestServer } from '../helpers/server.ts';
import { AWS_V2, after, before, describe, test } from '../helpers/tools.ts';
import { cognate } from './cognate-helpers.ts';

/** cognate's service-error line carries v2 2.36's `cognate: [ERROR]: ` prefix; Debian's v2 2.9 has none. */
const unprefixed = (stderr: string) => stderr.replace('\ncognate: [ERROR]: ', '\n');

describe('cognate agrees with AWS CLI v2: errors, skeletons, --cli-input-json/yaml', { needs: ['aws-v2'] }, () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let poolId: string;
  let _clientId: string;
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
    _clientId = w.clientId as string;
    for (const name of ['bob', 'carol', 'dave']) {
      const r = await cognate(
        ['--endpoint-url', server.url, 'cognito-idp', 'admin-create-user', '--user-pool-id', poolId, '--username', name],
        env,
      );
      assert.equal(r.status, 0, r.stderr);
    }
  });
  after(() => server.stop());

  test('service errors: exit 254, the same message', async () => {
    const r = await same(['cognito-idp', 'describe-user-pool', '--user-pool-id', 'us-east-1_nope', '--output', 'yaml']);
    assert.equal(r.status, 254);
    await same(['cognito-idp', 'admin-get-user', '--user-pool-id', poolId, '--username', 'nobody']);
  });

  test('usage errors exit 252 in both', async () => {
    for (const args of [
      ['cognito-idp', 'get-user'],
      ['cognito-idp', 'list-user-pools', '--max-results', '5', '--output', 'yamll'],
      ['cognito-idp', 'get-user', '--access-token', 'x', '--bogus'],
    ]) {
      const [a, c] = await both(args);
      assert.equal(a.status, 252, a.stderr);
      assert.equal(c.status, 252, c.stderr);
    }
  });

  test('input skeletons (the output skeleton differs: docs/cli-differences.md)', async () => {
    // Operations whose input has no enum: Debian's older v2 model orders some enums differently.
    for (const op of ['admin-get-user', 'list-users', 'admin-update-user-attributes']) {
      await same(['cognito-idp', op, '--generate-cli-skeleton']);
      await same(['cognito-idp', op, '--generate-cli-skeleton', 'input']);
    }
  });

  test('--cli-input-json and --cli-input-yaml, with and without explicit options', async () => {
    const dir = env.HOME as string;
    const json = join(dir, 'in.json');
    const yaml = join(dir, 'in.yaml');
    writeFileSync(json, JSON.stringify({ UserPoolId: poolId, Username: 'alice' }));
    writeFileSync(yaml, `UserPoolId: ${poolId}\nUsername: bob\n`);
    for (const output of ['json', 'yaml']) {
      await same(['cognito-idp', 'admin-get-user', '--cli-input-json', `file://${json}`, '--output', output]);
      await same(['cognito-idp', 'admin-get-user', '--cli-input-yaml', `file://${yaml}`, '--output', output]);
      await same(['cognito-idp', 'admin-get-user', '--cli-input-yaml', `file://${yaml}`, '--username', 'carol', '--output', output]);
    }
    await same(['cognito-idp', 'list-users', '--cli-input-yaml', `UserPoolId: ${poolId}\nLimit: 2\n`, '--query', 'Users[].Username']);
  });
});
