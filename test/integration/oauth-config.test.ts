/**
 * Managed-login configuration with the AWS SDK v3: user pool domains (prefix and custom), resource
 * servers, and the OAuth settings of app clients, each refusal answered with Cognito's error and
 * changing nothing. The AWS CLI v1 reads the same records back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolDomainCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejects(p: Promise<unknown>, name: string, message: string | RegExp) {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

describe('user pool domains, resource servers and client OAuth settings', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
  });
  after(() => server.stop());

  it('creates, describes, updates and deletes a prefix and a custom domain', async () => {
    const poolId = await createPool(idp, 'domains');
    const made = await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app' }));
    assert.equal(made.ManagedLoginVersion, 1);
    assert.equal(made.CloudFrontDomain, undefined);
    const custom = await idp.send(
      new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } }),
    );
    assert.match(custom.CloudFrontDomain ?? '', /^d[0-9a-f]+\.cloudfront\.net$/);

    const d = (await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app' }))).DomainDescription;
    assert.equal(d?.UserPoolId, poolId);
    assert.equal(d?.Domain, 'my-app');
    assert.equal(d?.Status, 'ACTIVE');
    assert.equal(d?.AWSAccountId, server.app.accountId);
    const c = (await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'auth.example.com' }))).DomainDescription;
    assert.deepEqual(c?.CustomDomainConfig, { CertificateArn: CERT });
    const pool = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool;
    assert.equal(pool?.Domain, 'my-app');
    assert.equal(pool?.CustomDomain, 'auth.example.com');

    // Cognito answers an unknown domain with an empty description, not an error.
    assert.deepEqual((await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'nobody-here' }))).DomainDescription, {});

    const up = await idp.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app', ManagedLoginVersion: 2 }));
    assert.equal(up.ManagedLoginVersion, 2);
    assert.equal((await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app' }))).DomainDescription?.ManagedLoginVersion, 2);

    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app' }));
    assert.deepEqual((await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app' }))).DomainDescription, {});
    assert.equal((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Domain, undefined);
  });

  it('refuses a taken name, a second prefix, reserved words and another pool’s domain', async () => {
    const a = await createPool(idp, 'a');
    const b = await createPool(idp, 'b');
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: a, Domain: 'shared-name' }));
    await rejects(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: b, Domain: 'shared-name' })),
      'InvalidParameterException',
      'Domain already associated with another user pool.',
    );
    await rejects(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: a, Domain: 'second-one' })),
      'InvalidParameterException',
      /already has a domain prefix/,
    );
    await rejects(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: b, Domain: 'my-aws-login' })),
      'InvalidParameterException',
      /reserved/,
    );
    await rejects(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: b, Domain: 'Upper' })),
      'InvalidParameterException',
      /failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await rejects(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: b, Domain: 'x.example.org' })),
      'InvalidParameterException',
      /CustomDomainConfig/,
    );
    await rejects(
      idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: b, Domain: 'shared-name' })),
      'InvalidParameterException',
      /does not belong to user pool/,
    );
    await rejects(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: 'us-east-1_nope', Domain: 'free-name' })),
      'ResourceNotFoundException',
      /does not exist/,
    );
    assert.equal((await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'shared-name' }))).DomainDescription?.UserPoolId, a);
    assert.deepEqual((await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'second-one' }))).DomainDescription, {});
  });

  let rsPoolId = '';
  it('resource servers: create, describe, list in pages, update, delete, and duplicate refusals', async () => {
    const poolId = await createPool(idp, 'rs');
    rsPoolId = poolId;
    for (const id of ['https://api.example.com', 'orders', 'billing']) {
      const r = await idp.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: id,
          Name: `${id.replace(/[^\w]/g, '-')} API`,
          Scopes: [
            { ScopeName: 'read', ScopeDescription: 'Read' },
            { ScopeName: 'write', ScopeDescription: 'Write' },
          ],
        }),
      );
      assert.equal(r.ResourceServer?.Identifier, id);
    }
    await rejects(
      idp.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders', Name: 'again' })),
      'InvalidParameterException',
      /already exists/,
    );
    await rejects(
      idp.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: 'dup',
          Name: 'dup',
          Scopes: [
            { ScopeName: 'a', ScopeDescription: 'a' },
            { ScopeName: 'a', ScopeDescription: 'b' },
          ],
        }),
      ),
      'InvalidParameterException',
      /Duplicate scope name a/,
    );
    const d = await idp.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders' }));
    assert.deepEqual(
      d.ResourceServer?.Scopes?.map((s) => s.ScopeName),
      ['read', 'write'],
    );
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await idp.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: token }));
      for (const rs of page.ResourceServers ?? []) seen.push(rs.Identifier as string);
      token = page.NextToken;
    } while (token);
    assert.deepEqual(seen, ['billing', 'https://api.example.com', 'orders']);
    const up = await idp.send(
      new UpdateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'orders',
        Name: 'Orders',
        Scopes: [{ ScopeName: 'admin', ScopeDescription: 'All' }],
      }),
    );
    assert.equal(up.ResourceServer?.Name, 'Orders');
    assert.deepEqual(up.ResourceServer?.Scopes, [{ ScopeName: 'admin', ScopeDescription: 'All' }]);
    await idp.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing' }));
    await rejects(
      idp.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing' })),
      'ResourceNotFoundException',
      /billing/,
    );
    await rejects(
      idp.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing', Name: 'x' })),
      'ResourceNotFoundException',
      /billing/,
    );
  });

  it('the AWS CLI v1 lists the resource servers left', { needs: ['aws-v1'] }, async () => {
    const cli = await awsCli(server, ['cognito-idp', 'list-resource-servers', '--user-pool-id', rsPoolId, '--max-results', '10']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(
      JSON.parse(cli.stdout).ResourceServers.map((r: { Identifier: string }) => r.Identifier),
      ['https://api.example.com', 'orders'],
    );
  });

  it('client OAuth settings: valid ones are stored, wrong ones refused with Cognito’s errors', async () => {
    const poolId = await createPool(idp, 'clients');
    await idp.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'orders',
        Name: 'Orders',
        Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }],
      }),
    );
    const web = await createClient(idp, poolId, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['openid', 'email', 'orders/read'],
      CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb'],
      LogoutURLs: ['https://app.example.com/bye'],
      DefaultRedirectURI: 'https://app.example.com/cb',
      SupportedIdentityProviders: ['COGNITO'],
    });
    const got = (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: web.ClientId }))).UserPoolClient;
    assert.deepEqual(got?.AllowedOAuthScopes, ['openid', 'email', 'orders/read']);
    assert.equal(got?.DefaultRedirectURI, 'https://app.example.com/cb');

    const base = { UserPoolId: poolId, ClientName: 'bad' };
    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [
        { GenerateSecret: true, AllowedOAuthFlows: ['code', 'client_credentials'], AllowedOAuthScopes: ['orders/read'] },
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected along with code flow or implicit flow.',
      ],
      [
        { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'] },
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected if client does not have a client secret.',
      ],
      [
        { AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['orders/nope'], CallbackURLs: ['https://a.example/cb'] },
        'ScopeDoesNotExistException',
        'Invalid scope requested: orders/nope',
      ],
      [
        { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'] },
        'InvalidOAuthFlowException',
        /AllowedOAuthFlows and AllowedOAuthScopes are required/,
      ],
      [{ CallbackURLs: ['http://app.example.com/cb'] }, 'InvalidParameterException', /must use HTTPS/],
      [{ CallbackURLs: ['https://app.example.com/cb#x'] }, 'InvalidParameterException', /fragment/],
      [{ LogoutURLs: ['not-a-url'] }, 'InvalidParameterException', /absolute/],
      [
        { CallbackURLs: ['https://a.example/cb'], DefaultRedirectURI: 'https://b.example/cb' },
        'InvalidParameterException',
        /DefaultRedirectURI/,
      ],
      [
        { SupportedIdentityProviders: ['Google'] },
        'InvalidParameterException',
        `The provider Google does not exist for User Pool ${poolId}`,
      ],
      [
        { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'] },
        'InvalidParameterException',
        /CallbackURLs are required/,
      ],
    ];
    for (const [extra, name, message] of cases) {
      await rejects(idp.send(new CreateUserPoolClientCommand({ ...base, ...extra } as never)), name, message);
    }
    // An update with a bad setting changes nothing.
    await rejects(
      idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: web.ClientId, AllowedOAuthScopes: ['orders/nope'] })),
      'ScopeDoesNotExistException',
      'Invalid scope requested: orders/nope',
    );
    const still = (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: web.ClientId }))).UserPoolClient;
    assert.deepEqual(still?.AllowedOAuthScopes, ['openid', 'email', 'orders/read']);
  });
});
