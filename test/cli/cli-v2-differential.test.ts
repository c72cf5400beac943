/**
 * Differential test against AWS CLI v2 (Debian's awscli, /usr/bin/aws): the same commands through v2 and
 * through `cognate`, against the same real Cognate server, stdout compared byte for byte and exit codes
 * equal — json, text, table, yaml and yaml-stream, paginated and --query'd results, skeletons,
 * --cli-input-json/--cli-input-yaml, service errors. What differs on purpose (the `cognate: [ERROR]: `
 * prefix of AWS CLI v2 2.36, newer than Debian's 2.9; usage-error texts) is listed in
 * docs/cli-differences.md and normalised here, nothing else.
 */
import assert from 'node:assert/strict';
import { PASSWORD, signIn } from '../helpers/fixtures.ts';
import { idpClient } from '../helpers/server.ts';
import { describe, test } from '../helpers/tools.ts';
import { cognate } from './cognate-helpers.ts';
import { v2World } from './v2-world.ts';

const OUTPUTS = ['json', 'text', 'table', 'yaml', 'yaml-stream'];

describe('cognate agrees with AWS CLI v2 on the same server', { needs: ['aws-v2'] }, () => {
  const w = v2World();

  test('every output format of describe calls, byte for byte', async () => {
    for (const output of OUTPUTS) {
      await w.same(['cognito-idp', 'describe-user-pool-client', '--user-pool-id', w.poolId, '--client-id', w.clientId, '--output', output]);
      // Debian's v2 carries an older model, which drops the newer members of DescribeUserPool's answer.
      await w.same([
        'cognito-idp',
        'describe-user-pool',
        '--user-pool-id',
        w.poolId,
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
      await w.same(['cognito-idp', 'list-users', '--user-pool-id', w.poolId, '--output', output]);
      await w.same(['cognito-idp', 'list-users', '--user-pool-id', w.poolId, '--max-items', '2', '--output', output], w.env, tokens);
    }
    // Page by page: what text and yaml-stream print as each page arrives.
    for (const output of ['text', 'yaml-stream']) {
      await w.same(['cognito-idp', 'list-users', '--user-pool-id', w.poolId, '--page-size', '1', '--output', output], w.env, tokens);
    }
  });

  test('--query in every format', async () => {
    for (const output of OUTPUTS) {
      for (const query of ['Users[?Username==`bob`].Attributes[0]', 'Nope']) {
        await w.same(['cognito-idp', 'list-users', '--user-pool-id', w.poolId, '--query', query, '--output', output]);
      }
    }
  });

  test('a signed-in user: get-user, then global-sign-out (no output) and the refusal', async () => {
    const { accessToken } = await signIn(idpClient(w.server), w.clientId, 'alice', PASSWORD);
    for (const output of OUTPUTS) await w.same(['cognito-idp', 'get-user', '--access-token', accessToken, '--output', output]);
    // GlobalSignOut ends every session of the user: each CLI gets a fresh sign-in, one after the other.
    for (const output of OUTPUTS) {
      const a = await w.v2([
        'cognito-idp',
        'global-sign-out',
        '--access-token',
        (await signIn(idpClient(w.server), w.clientId, 'alice')).accessToken,
        '--output',
        output,
      ]);
      const t = (await signIn(idpClient(w.server), w.clientId, 'alice')).accessToken;
      const c = await cognate(
        ['--endpoint-url', w.server.url, 'cognito-idp', 'global-sign-out', '--access-token', t, '--output', output],
        w.env,
      );
      assert.deepEqual([c.status, c.stdout, c.stderr], [a.status, a.stdout, a.stderr], `global-sign-out --output ${output}`);
    }
    const r = await w.same(['cognito-idp', 'get-user', '--access-token', accessToken]);
    assert.equal(r.status, 254);
  });
});
