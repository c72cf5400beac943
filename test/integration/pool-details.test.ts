/**
 * Pool details users see (SDK v3, AWS CLI v1): EstimatedNumberOfUsers, TagResource / UntagResource /
 * ListTagsForResource with UserPoolTags, ListUsers Filter on every attribute Cognito searches, and legacy
 * ExplicitAuthFlows (SRP and refresh still allowed; mixing with ALLOW_ values refused).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListTagsForResourceCommand,
  ListUsersCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUser, CognitoUserPool, AuthenticationDetails, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { createClient, createPool, createUser, PASSWORD } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

describe('pool details: user count, tags, ListUsers filters, legacy auth flows', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
  });
  after(() => server.stop());

  it('DescribeUserPool counts the users in EstimatedNumberOfUsers', async () => {
    const poolId = await createPool(idp, 'count');
    const count = async () => (await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.EstimatedNumberOfUsers;
    assert.equal(await count(), 0);
    for (const u of ['a', 'b', 'c']) await createUser(idp, poolId, u);
    assert.equal(await count(), 3);
  });

  let tagged = { arn: '', tags: {} as Record<string, string> };
  it('tags: TagResource adds and replaces, UntagResource removes, ListTagsForResource and DescribeUserPool agree', async () => {
    const poolId = await createPool(idp, 'tags', { UserPoolTags: { team: 'id', env: 'dev' } });
    const arn = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Arn as string;
    assert.deepEqual((await idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { team: 'id', env: 'dev' });
    await idp.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'prod', owner: 'me' } }));
    await idp.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team', 'absent'] }));
    const want = { env: 'prod', owner: 'me' };
    assert.deepEqual((await idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, want);
    assert.deepEqual((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.UserPoolTags, want);

    const missing = arn.replace(poolId, 'us-east-1_Missing1');
    await assert.rejects(
      idp.send(new ListTagsForResourceCommand({ ResourceArn: missing })),
      (e: AwsError) => e.name === 'ResourceNotFoundException',
    );
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await assert.rejects(
      idp.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })),
      (e: AwsError) => e.name === 'InvalidParameterException',
    );
    assert.deepEqual((await idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, want, 'nothing written');

    tagged = { arn, tags: want };
  });

  it('tags through the AWS CLI v1', { needs: ['aws-v1'] }, async () => {
    const { arn, tags: want } = tagged;
    const cli = await awsCli(server, ['cognito-idp', 'tag-resource', '--resource-arn', arn, '--tags', 'cost=1']);
    assert.equal(cli.status, 0, cli.stderr);
    const listed = await awsCli(server, ['cognito-idp', 'list-tags-for-resource', '--resource-arn', arn]);
    assert.deepEqual(JSON.parse(listed.stdout).Tags, { ...want, cost: '1' });
  });

  it('ListUsers filters on each attribute Cognito searches', async () => {
    const poolId = await createPool(idp, 'filters');
    const attrs = [
      { Name: 'email', Value: 'dana@example.com' },
      { Name: 'phone_number', Value: '+15555550199' },
      { Name: 'name', Value: 'Dana Scully' },
      { Name: 'given_name', Value: 'Dana' },
      { Name: 'family_name', Value: 'Scully' },
      { Name: 'preferred_username', Value: 'dscully' },
    ];
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'dana', MessageAction: 'SUPPRESS', UserAttributes: attrs }));
    await createUser(idp, poolId, 'fox');
    await idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'fox' }));
    const names = async (Filter: string) =>
      ((await idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter }))).Users ?? []).map((u) => u.Username).sort();
    const dana = (await idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "dana"' }))).Users?.[0];
    const sub = dana?.Attributes?.find((a) => a.Name === 'sub')?.Value as string;
    const cases: [string, string[]][] = [
      ['username = "DANA"', ['dana']],
      ['username ^= "f"', ['fox']],
      ['email = "dana@example.com"', ['dana']],
      ['email ^= "fox@"', ['fox']],
      ['phone_number = "+15555550199"', ['dana']],
      ['name ^= "Dana"', ['dana']],
      ['given_name = "Dana"', ['dana']],
      ['family_name = "Scully"', ['dana']],
      ['preferred_username = "dscully"', ['dana']],
      ['cognito:user_status = "FORCE_CHANGE_PASSWORD"', ['dana']],
      ['cognito:user_status = "CONFIRMED"', ['fox']],
      ['status = "Disabled"', ['fox']],
      ['status = "Enabled"', ['dana']],
      [`sub = "${sub}"`, ['dana']],
    ];
    for (const [filter, want] of cases) assert.deepEqual(await names(filter), want, filter);
    await assert.rejects(
      idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'nickname = "x"' })),
      (e: AwsError) => e.name === 'InvalidParameterException' && e.message === 'Invalid search attribute: nickname',
    );
  });

  it('legacy ExplicitAuthFlows still allow SRP and refresh; mixing legacy and ALLOW_ values is refused', async () => {
    const poolId = await createPool(idp, 'legacy');
    await createUser(idp, poolId, 'gil');
    await assert.rejects(
      idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'mixed',
          ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      ),
      (e: AwsError) => e.name === 'InvalidParameterException',
    );
    const { ClientId } = await createClient(idp, poolId, { ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] });
    const pw = await idp.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gil', PASSWORD } }),
    );
    const refreshed = await idp.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: pw.AuthenticationResult?.RefreshToken as string },
      }),
    );
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
    // SRP through amazon-cognito-identity-js.
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId, endpoint: `${server.url}/` });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      new CognitoUser({ Username: 'gil', Pool: pool }).authenticateUser(
        new AuthenticationDetails({ Username: 'gil', Password: PASSWORD }),
        {
          onSuccess: resolve,
          onFailure: reject,
        },
      ),
    );
    assert.equal(session.getAccessToken().decodePayload().username, 'gil');

    const custom = await createClient(idp, poolId, { ExplicitAuthFlows: ['CUSTOM_AUTH_FLOW_ONLY'] });
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: custom.ClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'gil', SRP_A: 'ab' } }),
      ),
      (e: AwsError) => e.name === 'InvalidParameterException' || e.name === 'NotAuthorizedException',
    );
  });
});
