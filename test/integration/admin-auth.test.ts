/** Signed (admin) operations: a valid SigV4 signature with a key the server knows, or AWS's refusal. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { issueTemporaryCredentials } from '../../src/domain/temporary-keys.ts';
import { awsCli, awsEnv, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

async function refusedWith(p: Promise<unknown>, name: string, message: RegExp | string) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

async function poolCount(server: TestServer) {
  return (await server.app.store.pools.list(100)).items.length;
}

describe('admin authentication', () => {
  let server: TestServer;
  let poolId: string;
  before(async () => {
    server = await startTestServer();
    poolId = (await idpClient(server).send(new CreateUserPoolCommand({ PoolName: 'first' }))).UserPool?.Id as string;
  });
  after(() => server.stop());

  it('accepts the root keys', async () => {
    const r = await idpClient(server).send(new CreateUserPoolCommand({ PoolName: 'signed' }));
    assert.match(r.UserPool?.Id ?? '', /^us-east-1_[0-9a-zA-Z]+$/);
  });

  it('refuses a wrong secret, an unknown key, an unsigned request and a stale date, writing nothing', async () => {
    const before = await poolCount(server);
    await refusedWith(
      idpClient(server, { accessKeyId: server.rootKeys.accessKeyId, secretAccessKey: 'wrong' }).send(
        new CreateUserPoolCommand({ PoolName: 'x' }),
      ),
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    await refusedWith(
      idpClient(server, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }).send(new CreateUserPoolCommand({ PoolName: 'x' })),
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
    const unsigned = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool' },
      body: '{"PoolName":"x"}',
    });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.ok(unsigned.headers.get('x-amzn-requestid'));
    assert.deepEqual(await unsigned.json(), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    server.clock.advance(10 * 60_000);
    try {
      await refusedWith(
        idpClient(server).send(new CreateUserPoolCommand({ PoolName: 'x' })),
        'InvalidSignatureException',
        /^Signature expired: \d{8}T\d{6}Z is now earlier than/,
      );
    } finally {
      server.clock.advance(-10 * 60_000);
    }
    assert.equal(await poolCount(server), before);
  });

  it('the AWS CLI v1 sees the same refusals', { needs: ['aws-v1'] }, async () => {
    const ok = await awsCli(server, ['cognito-idp', 'describe-user-pool', '--user-pool-id', poolId]);
    assert.equal(ok.status, 0, ok.stderr);
    const bad = await awsCli(
      server,
      ['cognito-idp', 'describe-user-pool', '--user-pool-id', poolId],
      awsEnv(server, { AWS_SECRET_ACCESS_KEY: 'nope' }),
    );
    assert.equal(bad.status, 255);
    assert.match(
      bad.stderr,
      /An error occurred \(InvalidSignatureException\) when calling the DescribeUserPool operation: The request signature we calculated/,
    );
    const unsigned = await awsCli(server, ['--no-sign-request', 'cognito-idp', 'describe-user-pool', '--user-pool-id', poolId]);
    assert.equal(unsigned.status, 255);
    assert.match(
      unsigned.stderr,
      /\(MissingAuthenticationTokenException\) when calling the DescribeUserPool operation: Missing Authentication Token/,
    );
  });

  it('temporary credentials: admin ones work until they expire, others are denied', async () => {
    const admin = await issueTemporaryCredentials(
      server.app,
      { kind: 'sso-role', arn: 'arn:aws:sts::000000000000:assumed-role/Admin/alice', admin: true, accountId: '000000000000' },
      3600_000,
    );
    const user = await issueTemporaryCredentials(
      server.app,
      {
        kind: 'identity-pool',
        arn: 'arn:aws:sts::000000000000:assumed-role/Auth/CognitoIdentityCredentials',
        admin: false,
        accountId: '000000000000',
      },
      3600_000,
    );
    const creds = (c: typeof admin) => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken });
    assert.equal((await idpClient(server, creds(admin)).send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Id, poolId);
    await refusedWith(
      idpClient(server, creds(user)).send(new DescribeUserPoolCommand({ UserPoolId: poolId })),
      'AccessDeniedException',
      /^User: arn:aws:sts::000000000000:assumed-role\/Auth\/CognitoIdentityCredentials is not authorized to perform: cognito-idp:DescribeUserPool/,
    );
    await refusedWith(
      idpClient(server, { ...creds(admin), sessionToken: 'forged' }).send(new DescribeUserPoolCommand({ UserPoolId: poolId })),
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
    server.clock.advance(3601_000);
    try {
      await refusedWith(
        idpClient(server, creds(admin)).send(new DescribeUserPoolCommand({ UserPoolId: poolId })),
        'ExpiredTokenException',
        'The security token included in the request is expired',
      );
    } finally {
      server.clock.advance(-3601_000);
    }
  });

  it('the reset endpoint exists only in the loud emulator mode', async () => {
    const r = await fetch(`${server.url}/_cognate/reset`, { method: 'POST' });
    assert.equal(r.status, 403);
    assert.ok((await poolCount(server)) > 0);
    const emu = await startTestServer({ acceptAnyCredentials: true });
    try {
      const c = idpClient(emu, { accessKeyId: 'test', secretAccessKey: 'test' });
      await c.send(new CreateUserPoolCommand({ PoolName: 'any' }));
      assert.equal(await poolCount(emu), 1);
      assert.equal((await fetch(`${emu.url}/_cognate/reset`, { method: 'POST' })).status, 200);
      assert.equal(await poolCount(emu), 0);
    } finally {
      await emu.stop();
    }
  });
});
