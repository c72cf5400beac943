/**
 * Pool and app-client administration with the AWS SDK v3: list with sealed page tokens, UpdateUserPool and
 * UpdateUserPoolClient reset what they leave out (as Cognito does), deletion protection, and deleting a
 * client or pool leaves its tokens refused. Bad input gets Cognito's errors and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityProviderClient,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, signIn } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejects(p: Promise<unknown>, name: string, message: string | RegExp, status = 400) {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}

describe('user pool and app client administration (SDK v3)', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
  });
  after(() => server.stop());

  it('ListUserPools pages with an opaque NextToken and answers UserPoolDescriptionType', async () => {
    const ids = [await createPool(idp, 'p1'), await createPool(idp, 'p2'), await createPool(idp, 'p3')];
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await idp.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
      assert.ok((r.UserPools?.length ?? 0) <= 2);
      for (const p of r.UserPools ?? []) {
        assert.deepEqual(Object.keys(p).sort(), ['CreationDate', 'Id', 'LambdaConfig', 'LastModifiedDate', 'Name']);
        assert.ok(p.CreationDate instanceof Date);
        seen.push(p.Id as string);
      }
      token = r.NextToken;
      if (token) assert.ok(!ids.some((id) => token?.includes(id)), 'the token does not reveal store keys');
      pages++;
    } while (token);
    assert.ok(pages >= 2);
    for (const id of ids) assert.ok(seen.includes(id));
    assert.equal(new Set(seen).size, seen.length);

    await rejects(
      idp.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: 'garbage' })),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
    await rejects(
      idp.send(new ListUserPoolsCommand({ MaxResults: 61 })),
      'InvalidParameterException',
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    await rejects(
      idp.send(new ListUserPoolsCommand({} as never)),
      'InvalidParameterException',
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
  });

  it('a page token of one list is refused by another', async () => {
    const a = await createPool(idp, 'ta');
    const b = await createPool(idp, 'tb');
    for (let i = 0; i < 3; i++) await createUser(idp, a, `u${i}`);
    const r = await idp.send(new ListUsersCommand({ UserPoolId: a, Limit: 2 }));
    assert.ok(r.PaginationToken);
    await rejects(
      idp.send(new ListUsersCommand({ UserPoolId: b, PaginationToken: r.PaginationToken })),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
    await rejects(
      idp.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: r.PaginationToken })),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
    const rest = await idp.send(new ListUsersCommand({ UserPoolId: a, Limit: 2, PaginationToken: r.PaginationToken }));
    assert.deepEqual(
      [...(r.Users ?? []), ...(rest.Users ?? [])].map((u) => u.Username),
      ['u0', 'u1', 'u2'],
    );
    assert.equal(rest.PaginationToken, undefined);
  });

  it('ListUsers filters by = and ^=, applies AttributesToGet, and refuses bad filters', async () => {
    const p = await createPool(idp, 'filters');
    await createUser(idp, p, 'anna', undefined, 'anna@alpha.example');
    await createUser(idp, p, 'andy', undefined, 'andy@beta.example');
    await createUser(idp, p, 'zoe', undefined, 'zoe@alpha.example');
    const names = async (Filter: string) =>
      ((await idp.send(new ListUsersCommand({ UserPoolId: p, Filter }))).Users ?? []).map((u) => u.Username).sort();
    assert.deepEqual(await names('username ^= "an"'), ['andy', 'anna']);
    assert.deepEqual(await names('email = "zoe@alpha.example"'), ['zoe']);
    assert.deepEqual(await names('email^="zoe"'), ['zoe']);
    assert.deepEqual(await names('cognito:user_status = "CONFIRMED"'), ['andy', 'anna', 'zoe']);
    assert.deepEqual(await names('status = "Enabled"'), ['andy', 'anna', 'zoe']);
    assert.deepEqual(await names('family_name = "nobody"'), []);
    const only = await idp.send(new ListUsersCommand({ UserPoolId: p, Filter: 'username = "zoe"', AttributesToGet: ['email'] }));
    assert.deepEqual(only.Users?.[0]?.Attributes, [{ Name: 'email', Value: 'zoe@alpha.example' }]);
    await rejects(
      idp.send(new ListUsersCommand({ UserPoolId: p, Filter: 'username = zoe' })),
      'InvalidParameterException',
      'Error while parsing filter',
    );
    await rejects(
      idp.send(new ListUsersCommand({ UserPoolId: p, Filter: 'custom:foo = "bar"' })),
      'InvalidParameterException',
      'Invalid search attribute: custom:foo',
    );
    await rejects(
      idp.send(new ListUsersCommand({ UserPoolId: 'us-east-1_nosuchpool' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nosuchpool does not exist.',
    );
  });

  it('UpdateUserPool replaces the settable configuration; unspecified members go back to their defaults', async () => {
    const p = await createPool(idp, 'upd', {
      DeletionProtection: 'ACTIVE',
      AutoVerifiedAttributes: ['email'],
      UsernameAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
    });
    await rejects(
      idp.send(new DeleteUserPoolCommand({ UserPoolId: p })),
      'InvalidParameterException',
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
    await rejects(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: p, DeletionProtection: 'MAYBE' as never })),
      'InvalidParameterException',
      "1 validation error detected: Value 'MAYBE' at 'deletionProtection' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]",
    );
    await rejects(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: p, Policies: { PasswordPolicy: { MinimumLength: 5 } } })),
      'InvalidParameterException',
      /minimumLength/,
    );
    let d = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: p }))).UserPool;
    assert.equal(d?.DeletionProtection, 'ACTIVE', 'refused updates change nothing');
    assert.equal(d?.Policies?.PasswordPolicy?.MinimumLength, 12);

    await idp.send(new UpdateUserPoolCommand({ UserPoolId: p, Policies: { PasswordPolicy: { MinimumLength: 10 } } }));
    d = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: p }))).UserPool;
    assert.equal(d?.Name, 'upd');
    assert.equal(d?.Policies?.PasswordPolicy?.MinimumLength, 10);
    assert.equal(d?.Policies?.PasswordPolicy?.RequireSymbols, true);
    assert.equal(d?.DeletionProtection, 'INACTIVE');
    assert.equal(d?.AutoVerifiedAttributes, undefined);
    assert.deepEqual(d?.UsernameAttributes, ['email'], 'fixed at creation');
    assert.ok((d?.LastModifiedDate?.getTime() ?? 0) >= (d?.CreationDate?.getTime() ?? 0));

    await idp.send(new DeleteUserPoolCommand({ UserPoolId: p }));
    await rejects(idp.send(new DescribeUserPoolCommand({ UserPoolId: p })), 'ResourceNotFoundException', `User pool ${p} does not exist.`);
    await rejects(idp.send(new DeleteUserPoolCommand({ UserPoolId: p })), 'ResourceNotFoundException', `User pool ${p} does not exist.`);
    await rejects(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: 'bad id' })),
      'InvalidParameterException',
      "1 validation error detected: Value 'bad id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });

  it('ListUserPoolClients pages; UpdateUserPoolClient resets what it leaves out', async () => {
    const p = await createPool(idp, 'clients');
    const made = [await createClient(idp, p), await createClient(idp, p, { ClientName: 'two' }), await createClient(idp, p)];
    const first = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: p, MaxResults: 2 }));
    assert.equal(first.UserPoolClients?.length, 2);
    assert.ok(first.NextToken);
    const second = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: p, MaxResults: 2, NextToken: first.NextToken }));
    assert.equal(second.NextToken, undefined);
    const all = [...(first.UserPoolClients ?? []), ...(second.UserPoolClients ?? [])];
    assert.deepEqual(all.map((c) => c.ClientId).sort(), made.map((c) => c.ClientId).sort());
    for (const c of all) assert.deepEqual(Object.keys(c).sort(), ['ClientId', 'ClientName', 'UserPoolId']);

    const id = made[0]?.ClientId as string;
    const u = await idp.send(
      new UpdateUserPoolClientCommand({ UserPoolId: p, ClientId: id, ClientName: 'renamed', AccessTokenValidity: 2 }),
    );
    assert.equal(u.UserPoolClient?.ClientName, 'renamed');
    assert.equal(u.UserPoolClient?.AccessTokenValidity, 2);
    assert.equal(u.UserPoolClient?.ExplicitAuthFlows, undefined, 'left out, so back to the default');
    assert.equal(u.UserPoolClient?.RefreshTokenValidity, 30);
    assert.equal(u.UserPoolClient?.EnableTokenRevocation, true);
    const d = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: p, ClientId: id }));
    assert.deepEqual(d.UserPoolClient, u.UserPoolClient);
    await rejects(
      idp.send(new UpdateUserPoolClientCommand({ UserPoolId: p, ClientId: id, AccessTokenValidity: 100000 })),
      'InvalidParameterException',
      "1 validation error detected: Value '100000' at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400",
    );
    await rejects(
      idp.send(new UpdateUserPoolClientCommand({ UserPoolId: p, ClientId: 'nosuchclient' })),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
    assert.equal(
      (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: p, ClientId: id }))).UserPoolClient?.ClientName,
      'renamed',
    );
  });

  it("deleting a client revokes its sessions and leaves other clients' alone", async () => {
    const p = await createPool(idp, 'delclient');
    const doomed = (await createClient(idp, p)).ClientId;
    const kept = (await createClient(idp, p)).ClientId;
    await createUser(idp, p, 'alice');
    const s = await signIn(idp, doomed, 'alice');
    const other = await signIn(idp, kept, 'alice');
    await idp.send(new DeleteUserPoolClientCommand({ UserPoolId: p, ClientId: doomed }));
    await rejects(idp.send(new GetUserCommand({ AccessToken: s.accessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: doomed, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: s.refreshToken } }),
      ),
      'ResourceNotFoundException',
      `User pool client ${doomed} does not exist.`,
    );
    await rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: kept, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: s.refreshToken } }),
      ),
      'NotAuthorizedException',
      'Invalid Refresh Token',
    );
    await rejects(
      idp.send(new DescribeUserPoolClientCommand({ UserPoolId: p, ClientId: doomed })),
      'ResourceNotFoundException',
      `User pool client ${doomed} does not exist.`,
    );
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: other.accessToken }))).Username, 'alice');
  });

  it('deleting a pool leaves its tokens refused, across a restart too', async () => {
    const p = await createPool(idp, 'delpool');
    const c = (await createClient(idp, p)).ClientId;
    await createUser(idp, p, 'alice');
    const used = await signIn(idp, c, 'alice');
    const unused = await signIn(idp, c, 'alice');
    await idp.send(new GetUserCommand({ AccessToken: used.accessToken }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: p }));
    // Refused either way: the pool's grants are gone ("revoked"; what a token whose signature was already
    // verified in this process hears) and its keys are gone ("Invalid Access Token" for a fresh check).
    for (const t of [used.accessToken, unused.accessToken]) {
      await rejects(
        idp.send(new GetUserCommand({ AccessToken: t })),
        'NotAuthorizedException',
        /^(Invalid Access Token|Access Token has been revoked)$/,
      );
    }
    await rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: c, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: used.refreshToken } }),
      ),
      'ResourceNotFoundException',
      `User pool client ${c} does not exist.`,
    );
    server = await server.restart();
    idp = idpClient(server);
    for (const t of [used.accessToken, unused.accessToken]) {
      await rejects(
        idp.send(new GetUserCommand({ AccessToken: t })),
        'NotAuthorizedException',
        /^(Invalid Access Token|Access Token has been revoked)$/,
      );
    }
    await rejects(idp.send(new DescribeUserPoolCommand({ UserPoolId: p })), 'ResourceNotFoundException', `User pool ${p} does not exist.`);
  });

  it('pool administration needs SigV4', async () => {
    const anon = new CognitoIdentityProviderClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEXAMPLEUNKNOWN01', secretAccessKey: 'x'.repeat(40) },
      maxAttempts: 1,
    });
    await rejects(anon.send(new ListUserPoolsCommand({ MaxResults: 1 })), 'UnrecognizedClientException', /./);
  });
});
