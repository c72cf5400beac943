/**
 * Attributes and schema, exact (SDK v3 and AWS CLI v1): CreateUserPool's Schema checks, AddCustomAttributes,
 * developer-only `dev:custom:` attributes (admin only), attributes outside the schema refused with Cognito's
 * messages, app clients' ReadAttributes/WriteAttributes checked and enforced on GetUser and
 * UpdateUserAttributes, and email_verified "True".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import {
  AddCustomAttributesCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, signIn } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejects(p: Promise<unknown>, name: string, message: string) {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));

describe('attributes and schema', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
  });
  after(() => server.stop());

  it('CreateUserPool checks Schema as Cognito does, and answers it in SchemaAttributes', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ Name: 'tier' }, 'Invalid AttributeDataType input, consider using the provided AttributeDataType enum.'],
      [{ Name: 'tier', AttributeDataType: 'String', Required: true }, 'Required custom attributes are not supported currently.'],
      [
        { Name: 'email', AttributeDataType: 'Number' },
        'You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email',
      ],
      [
        { Name: 'email', DeveloperOnlyAttribute: true },
        'You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email',
      ],
      [
        { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '5', MaxLength: '2' } },
        'user.custom:tier: Max length cannot be less than min length.',
      ],
      [
        { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '4096' } },
        'user.custom:tier: String attributes cannot have a length of more than 2048',
      ],
      [
        { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: 'ten' } },
        'Invalid StringAttributeConstraints for schema attribute custom:tier',
      ],
      [
        { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '1.5' } },
        'Invalid NumberAttributeConstraints for schema attribute custom:age',
      ],
      [
        { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '10', MaxValue: '1' } },
        'user.custom:age: Max value cannot be less than min value.',
      ],
    ];
    for (const [attr, message] of bad) {
      await rejects(
        idp.send(new CreateUserPoolCommand({ PoolName: 'bad', Schema: [attr as never] })),
        'InvalidParameterException',
        message,
      );
    }
    const poolId = await createPool(idp, 'schema', {
      Schema: [
        {
          Name: 'age',
          AttributeDataType: 'Number',
          NumberAttributeConstraints: { MinValue: '0' },
          StringAttributeConstraints: { MaxLength: '3' },
        },
        { Name: 'tier', AttributeDataType: 'String', Mutable: false },
        { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
        { Name: 'given_name', Required: true },
      ],
    });
    const schema = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.SchemaAttributes ?? [];
    const byName = new Map(schema.map((s) => [s.Name, s]));
    assert.deepEqual(byName.get('custom:age'), {
      Name: 'custom:age',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: '0' },
    });
    assert.equal(byName.get('custom:tier')?.Mutable, false);
    assert.deepEqual(byName.get('custom:tier')?.StringAttributeConstraints, {});
    assert.equal(byName.get('dev:custom:secret')?.DeveloperOnlyAttribute, true);
    assert.equal(byName.get('given_name')?.Required, true);
    assert.equal(byName.get('given_name')?.AttributeDataType, 'String');
  });

  let addPoolId = '';
  it('AddCustomAttributes appends checked attributes; a taken name is refused and nothing is added (SDK v3)', async () => {
    const poolId = await createPool(idp, 'add');
    addPoolId = poolId;
    await idp.send(
      new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'plan', AttributeDataType: 'String' }] }),
    );
    await rejects(
      idp.send(
        new AddCustomAttributesCommand({
          UserPoolId: poolId,
          CustomAttributes: [
            { Name: 'fresh', AttributeDataType: 'String' },
            { Name: 'plan', AttributeDataType: 'String' },
          ],
        }),
      ),
      'InvalidParameterException',
      'custom:plan: Existing attribute already has name custom:plan.',
    );
  });

  it('AddCustomAttributes through the AWS CLI v1: shorthand list, and its refusal', { needs: ['aws-v1'] }, async () => {
    const poolId = addPoolId;
    const r = await awsCli(server, [
      'cognito-idp',
      'add-custom-attributes',
      '--user-pool-id',
      poolId,
      '--custom-attributes',
      'Name=score,AttributeDataType=Number',
      'Name=note,AttributeDataType=String,DeveloperOnlyAttribute=true',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const names = ((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.SchemaAttributes ?? [])
      .map((s) => s.Name as string)
      .filter((n) => n.includes('custom:'));
    assert.deepEqual(names, ['custom:plan', 'custom:score', 'dev:custom:note']);
    const bad = await awsCli(server, [
      'cognito-idp',
      'add-custom-attributes',
      '--user-pool-id',
      poolId,
      '--custom-attributes',
      'Name=x,AttributeDataType=String,Required=true',
    ]);
    assert.equal(bad.status, 255);
    assert.equal(
      bad.stderr,
      '\nAn error occurred (InvalidParameterException) when calling the AddCustomAttributes operation: Required custom attributes are not supported currently.\n',
    );
  });

  it('attributes outside the schema are refused with Cognito messages; dev:custom attributes are admin-only', async () => {
    const poolId = await createPool(idp, 'dev', {
      Schema: [
        { Name: 'plan', AttributeDataType: 'String' },
        { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
      ],
    });
    const { ClientId } = await createClient(idp, poolId);
    await createUser(idp, poolId, 'alice');
    await rejects(
      idp.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: 'alice',
          UserAttributes: [{ Name: 'custom:foo', Value: 'x' }],
        }),
      ),
      'InvalidParameterException',
      'Attributes did not conform to the schema: Type for attribute {custom:foo} could not be determined',
    );
    await rejects(
      idp.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'alice', UserAttributeNames: ['custom:foo'] })),
      'InvalidParameterException',
      'Invalid user attributes: user.custom:foo: Attribute does not exist in the schema.',
    );
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'alice',
        UserAttributes: [
          { Name: 'dev:custom:secret', Value: 's3' },
          { Name: 'custom:plan', Value: 'gold' },
        ],
      }),
    );
    const admin = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    assert.equal(admin.UserAttributes?.find((a) => a.Name === 'dev:custom:secret')?.Value, 's3');
    const t = await signIn(idp, ClientId, 'alice');
    const own = await idp.send(new GetUserCommand({ AccessToken: t.accessToken }));
    assert.equal(
      own.UserAttributes?.find((a) => a.Name === 'dev:custom:secret'),
      undefined,
      'GetUser does not show it',
    );
    assert.equal(own.UserAttributes?.find((a) => a.Name === 'custom:plan')?.Value, 'gold');
    assert.equal(claims(t.idToken)['dev:custom:secret'], undefined, 'nor does the ID token');
    assert.equal(claims(t.idToken)['custom:plan'], 'gold');
    await rejects(
      idp.send(
        new UpdateUserAttributesCommand({ AccessToken: t.accessToken, UserAttributes: [{ Name: 'dev:custom:secret', Value: 'mine' }] }),
      ),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
    await idp.send(
      new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'alice', UserAttributeNames: ['dev:custom:secret'] }),
    );
    const gone = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    assert.equal(
      gone.UserAttributes?.find((a) => a.Name === 'dev:custom:secret'),
      undefined,
    );
  });

  it('ReadAttributes/WriteAttributes must be in the schema, and limit GetUser and UpdateUserAttributes', async () => {
    const poolId = await createPool(idp, 'perm', { Schema: [{ Name: 'plan', AttributeDataType: 'String' }] });
    await rejects(
      idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x', ReadAttributes: ['email', 'custom:nope'] })),
      'InvalidParameterException',
      'Invalid read attributes specified while creating a client',
    );
    await rejects(
      idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x', WriteAttributes: ['shoe_size'] })),
      'InvalidParameterException',
      'Invalid write attributes specified while creating a client',
    );
    const { ClientId } = await createClient(idp, poolId, { ReadAttributes: ['email', 'custom:plan'], WriteAttributes: ['custom:plan'] });
    await rejects(
      idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId, ReadAttributes: ['custom:nope'] })),
      'InvalidParameterException',
      'Invalid read attributes specified while updating a client',
    );
    await createUser(idp, poolId, 'bob');
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'bob',
        UserAttributes: [
          { Name: 'custom:plan', Value: 'free' },
          { Name: 'name', Value: 'Bob' },
        ],
      }),
    );
    const t = await signIn(idp, ClientId, 'bob');
    const seen = (await idp.send(new GetUserCommand({ AccessToken: t.accessToken }))).UserAttributes?.map((a) => a.Name).sort();
    assert.deepEqual(seen, ['custom:plan', 'email', 'sub']);
    await idp.send(
      new UpdateUserAttributesCommand({ AccessToken: t.accessToken, UserAttributes: [{ Name: 'custom:plan', Value: 'pro' }] }),
    );
    await rejects(
      idp.send(new UpdateUserAttributesCommand({ AccessToken: t.accessToken, UserAttributes: [{ Name: 'name', Value: 'Robert' }] })),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
    // Widening the client's reads shows at once on the node that changed it.
    await idp.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId,
        ReadAttributes: ['email', 'custom:plan', 'name'],
        WriteAttributes: ['custom:plan'],
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const wider = (await idp.send(new GetUserCommand({ AccessToken: t.accessToken }))).UserAttributes?.map((a) => a.Name).sort();
    assert.deepEqual(wider, ['custom:plan', 'email', 'name', 'sub']);
  });

  it('email_verified and phone_number_verified accept "True" and read back "true"', async () => {
    const poolId = await createPool(idp, 'verified', { AliasAttributes: ['email'] });
    const { ClientId } = await createClient(idp, poolId);
    await createUser(idp, poolId, 'carol');
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'carol',
        UserAttributes: [
          { Name: 'email', Value: 'carol@example.org' },
          { Name: 'email_verified', Value: 'True' },
        ],
      }),
    );
    const u = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }));
    assert.equal(u.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true');
    // A verified alias signs in.
    const t = await signIn(idp, ClientId, 'carol@example.org');
    assert.equal(claims(t.idToken).email_verified, true);
  });
});
