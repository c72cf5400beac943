/**
 * The same lifecycle through the installed AWS CLI v1 and boto3: sign-up → outbox code → confirm → sign
 * in → the CLI's own pagination over our page tokens → disable/enable → boto3 forgot/confirm, change
 * password, attributes, delete. Errors reach the CLI as `An error occurred (Code) when calling the Op
 * operation: message` with exit 255.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { awsCli, python, startTestServer, type TestServer } from '../helpers/server.ts';

const RESET_PASSWORD = 'Reset-Passw0rd!';
const CHANGED_PASSWORD = 'Changed-Passw0rd!';

describe('cognito-idp lifecycle with the AWS CLI v1 and boto3', { needs: ['aws-v1', 'boto3'] }, () => {
  let server: TestServer;
  let poolId: string;
  let clientId: string;

  const cli = async (...args: string[]) => {
    const r = await awsCli(server, ['cognito-idp', ...args]);
    return r;
  };
  const ok = async (...args: string[]) => {
    const r = await cli(...args);
    assert.equal(r.status, 0, `aws ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const json = async (...args: string[]) => JSON.parse((await ok(...args)) || '{}');
  const fails = async (op: string, code: string, message: string, ...args: string[]) => {
    const r = await cli(...args);
    assert.equal(r.status, 255, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `\nAn error occurred (${code}) when calling the ${op} operation: ${message}\n`);
  };
  const lastCode = (username: string, kind: string) => {
    const m = server.app.outbox
      .recent()
      .filter((x) => x.username === username && x.kind === kind)
      .pop();
    assert.ok(m, `no ${kind} for ${username}`);
    return m.code;
  };

  before(async () => {
    server = await startTestServer();
    poolId = (
      await ok(
        'create-user-pool',
        '--pool-name',
        'cli',
        '--auto-verified-attributes',
        'email',
        '--query',
        'UserPool.Id',
        '--output',
        'text',
      )
    ).trim();
    clientId = (
      await ok(
        'create-user-pool-client',
        '--user-pool-id',
        poolId,
        '--client-name',
        'cli',
        '--explicit-auth-flows',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        '--query',
        'UserPoolClient.ClientId',
        '--output',
        'text',
      )
    ).trim();
  });
  after(() => server.stop());

  it('aws v1: sign-up, confirm with the outbox code, sign in, disable, enable', async () => {
    const up = await json(
      'sign-up',
      '--client-id',
      clientId,
      '--username',
      'carol',
      '--password',
      PASSWORD,
      '--user-attributes',
      'Name=email,Value=carol@example.com',
    );
    assert.equal(up.UserConfirmed, false);
    assert.deepEqual(up.CodeDeliveryDetails, { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = lastCode('carol', 'signup-code');
    assert.equal(await ok('confirm-sign-up', '--client-id', clientId, '--username', 'carol', '--confirmation-code', code), '');
    await fails(
      'ConfirmSignUp',
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
      'confirm-sign-up',
      '--client-id',
      clientId,
      '--username',
      'carol',
      '--confirmation-code',
      code,
    );
    const auth = [
      'initiate-auth',
      '--client-id',
      clientId,
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--auth-parameters',
      `USERNAME=carol,PASSWORD=${PASSWORD}`,
    ];
    const token = (await ok(...auth, '--query', 'AuthenticationResult.AccessToken', '--output', 'text')).trim();
    const u = await json('admin-get-user', '--user-pool-id', poolId, '--username', 'carol');
    assert.equal(u.UserStatus, 'CONFIRMED');
    assert.equal(u.UserAttributes.find((a: { Name: string }) => a.Name === 'email_verified')?.Value, 'true');

    assert.equal(await ok('admin-disable-user', '--user-pool-id', poolId, '--username', 'carol'), '');
    await fails('GetUser', 'NotAuthorizedException', 'Access Token has been revoked', 'get-user', '--access-token', token);
    await fails('InitiateAuth', 'NotAuthorizedException', 'User is disabled.', ...auth);
    assert.equal(await ok('admin-enable-user', '--user-pool-id', poolId, '--username', 'carol'), '');
    await fails('GetUser', 'NotAuthorizedException', 'Access Token has been revoked', 'get-user', '--access-token', token);
    const again = (await ok(...auth, '--query', 'AuthenticationResult.AccessToken', '--output', 'text')).trim();
    assert.equal((await ok('get-user', '--access-token', again, '--query', 'Username', '--output', 'text')).trim(), 'carol');
  });

  it('aws v1: follows our ListUsers page tokens, and --max-items hands one back', async () => {
    for (const n of ['dan', 'eve', 'fay']) {
      await ok('admin-create-user', '--user-pool-id', poolId, '--username', n, '--message-action', 'SUPPRESS');
    }
    const all = await json('list-users', '--user-pool-id', poolId, '--page-size', '2');
    assert.deepEqual(
      all.Users.map((x: { Username: string }) => x.Username),
      ['carol', 'dan', 'eve', 'fay'],
    );
    assert.equal(all.PaginationToken, undefined);
    const two = await json('list-users', '--user-pool-id', poolId, '--max-items', '2');
    assert.equal(two.Users.length, 2);
    assert.ok(two.NextToken);
    const rest = await json('list-users', '--user-pool-id', poolId, '--max-items', '2', '--starting-token', two.NextToken);
    assert.deepEqual(
      rest.Users.map((x: { Username: string }) => x.Username),
      ['eve', 'fay'],
    );
    const filtered = await json('list-users', '--user-pool-id', poolId, '--filter', 'username ^= "e"', '--query', 'Users[].Username');
    assert.deepEqual(filtered, ['eve']);
    await fails(
      'ListUsers',
      'InvalidParameterException',
      'Error while parsing filter',
      'list-users',
      '--user-pool-id',
      poolId,
      '--filter',
      'nonsense',
    );
  });

  it('aws v1: bad input gets Cognito errors and writes nothing', async () => {
    const count = async () => (await json('list-users', '--user-pool-id', poolId)).Users.length;
    const n = await count();
    await fails(
      'SignUp',
      'InvalidParameterException',
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
      'sign-up',
      '--client-id',
      clientId,
      '--username',
      'u'.repeat(129),
      '--password',
      PASSWORD,
    );
    await fails(
      'SignUp',
      'UsernameExistsException',
      'User already exists',
      'sign-up',
      '--client-id',
      clientId,
      '--username',
      'carol',
      '--password',
      PASSWORD,
    );
    await fails(
      'UpdateUserPool',
      'InvalidParameterException',
      "1 validation error detected: Value 'MAYBE' at 'deletionProtection' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]",
      'update-user-pool',
      '--user-pool-id',
      poolId,
      '--deletion-protection',
      'MAYBE',
    );
    await fails(
      'AdminGetUser',
      'ResourceNotFoundException',
      'User pool us-east-1_missing does not exist.',
      'admin-get-user',
      '--user-pool-id',
      'us-east-1_missing',
      '--username',
      'carol',
    );
    await fails(
      'ConfirmSignUp',
      'UserNotFoundException',
      'Username/client id combination not found.',
      'confirm-sign-up',
      '--client-id',
      clientId,
      '--username',
      'ghost',
      '--confirmation-code',
      '123456',
    );
    assert.equal(await count(), n);
    assert.equal((await json('describe-user-pool', '--user-pool-id', poolId)).UserPool.DeletionProtection, 'INACTIVE');
  });

  it('boto3: forgot/confirm password, change password, attributes, delete user, list_user_pools paginator', async () => {
    const head = `
import boto3, json, os
from botocore.exceptions import ClientError
c = boto3.client('cognito-idp', endpoint_url=os.environ['SERVER_URL'], region_name='us-east-1')
def err(f):
    try:
        f()
        return None
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
`;
    const first = await python(
      server,
      `${head}
print(json.dumps(c.forgot_password(ClientId='${clientId}', Username='carol')['CodeDeliveryDetails']))`,
    );
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = lastCode('carol', 'forgot-password-code');
    const wrong = code === '000000' ? '111111' : '000000';
    const second = await python(
      server,
      `${head}
out = {}
out['wrong'] = err(lambda: c.confirm_forgot_password(ClientId='${clientId}', Username='carol', ConfirmationCode='${wrong}', Password='${RESET_PASSWORD}'))
c.confirm_forgot_password(ClientId='${clientId}', Username='carol', ConfirmationCode='${code}', Password='${RESET_PASSWORD}')
def signin(p):
    return c.initiate_auth(ClientId='${clientId}', AuthFlow='USER_PASSWORD_AUTH', AuthParameters={'USERNAME': 'carol', 'PASSWORD': p})['AuthenticationResult']
out['old'] = err(lambda: signin('${PASSWORD}'))
a = signin('${RESET_PASSWORD}')
out['badPrevious'] = err(lambda: c.change_password(AccessToken=a['AccessToken'], PreviousPassword='Nope-Passw0rd!', ProposedPassword='${CHANGED_PASSWORD}'))
c.change_password(AccessToken=a['AccessToken'], PreviousPassword='${RESET_PASSWORD}', ProposedPassword='${CHANGED_PASSWORD}')
b = signin('${CHANGED_PASSWORD}')
c.update_user_attributes(AccessToken=b['AccessToken'], UserAttributes=[{'Name': 'name', 'Value': 'Carol C'}])
out['name'] = [x['Value'] for x in c.get_user(AccessToken=b['AccessToken'])['UserAttributes'] if x['Name'] == 'name']
r = c.get_tokens_from_refresh_token(ClientId='${clientId}', RefreshToken=b['RefreshToken'])
out['refreshed'] = c.get_user(AccessToken=r['AuthenticationResult']['AccessToken'])['Username']
c.delete_user(AccessToken=b['AccessToken'])
out['afterDelete'] = err(lambda: c.get_user(AccessToken=r['AuthenticationResult']['AccessToken']))
out['refreshAfterDelete'] = err(lambda: c.get_tokens_from_refresh_token(ClientId='${clientId}', RefreshToken=b['RefreshToken']))
out['admin'] = err(lambda: c.admin_get_user(UserPoolId='${poolId}', Username='carol'))
ids = []
for page in c.get_paginator('list_user_pools').paginate(MaxResults=1):
    ids += [p['Id'] for p in page['UserPools']]
out['pools'] = ids
print(json.dumps(out))`,
    );
    assert.equal(second.status, 0, second.stderr);
    const out = JSON.parse(second.stdout);
    assert.deepEqual(out.wrong, ['CodeMismatchException', 'Invalid verification code provided, please try again.', 400]);
    assert.deepEqual(out.old, ['NotAuthorizedException', 'Incorrect username or password.', 400]);
    assert.deepEqual(out.badPrevious, ['NotAuthorizedException', 'Incorrect username or password.', 400]);
    assert.deepEqual(out.name, ['Carol C']);
    assert.equal(out.refreshed, 'carol');
    assert.deepEqual(out.afterDelete, ['NotAuthorizedException', 'Access Token has been revoked', 400]);
    assert.deepEqual(out.refreshAfterDelete, ['NotAuthorizedException', 'Invalid Refresh Token', 400]);
    assert.deepEqual(out.admin, ['UserNotFoundException', 'User does not exist.', 400]);
    assert.deepEqual(out.pools, [poolId]);
  });
});
