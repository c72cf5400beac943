/**
 * Identity pools use user-pool groups: SetIdentityPoolRoles RoleMappings of Type Token
 * (cognito:preferred_role, or CustomRoleArn among cognito:roles) and Rules (Equals, Contains, StartsWith,
 * NotEqual), with AmbiguousRoleResolution AuthenticatedRole / Deny — driven by fromCognitoIdentityPool
 * and GetCredentialsForIdentity (SDK v3). The role the credentials are for shows in the ARN Cognate's
 * own authorization names when they are used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { createUser, signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { AUTH_ROLE, UNAUTH_ROLE, awsProviderName, createIdentityPool, identityClient, rejects } from './identity-pools-helpers.ts';

const role = (name: string) => `arn:aws:iam::000000000000:role/${name}`;
const DENIED = 'The ambiguous role mapping rules denied this request';

describe('identity pools choose roles from user-pool groups and claims', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let ci: CognitoIdentityClient;
  let w: Awaited<ReturnType<typeof world>>;
  let provider: string;
  let mappingKey: string;

  /** The role name the credentials act as, read from the ARN Cognate's authorization reports. */
  async function roleOf(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string> {
    try {
      await idpClient(server, creds).send(new CreateUserPoolCommand({ PoolName: 'probe' }));
    } catch (e) {
      const m = /assumed-role\/([^/]+)\//.exec((e as Error).message);
      if (m?.[1]) return m[1];
      throw e;
    }
    throw new Error('identity-pool credentials were allowed an admin call');
  }

  const credentialsFor = async (identityPoolId: string, username: string, customRoleArn?: string) => {
    const { idToken } = await signIn(idp, w.clientId, username);
    return fromCognitoIdentityPool({
      identityPoolId,
      logins: { [provider]: idToken },
      ...(customRoleArn ? { customRoleArn } : {}),
      clientConfig: { endpoint: server.url, region: 'us-east-1', maxAttempts: 1 },
    })();
  };
  const getCredentials = async (identityPoolId: string, username: string, customRoleArn?: string) => {
    const { idToken } = await signIn(idp, w.clientId, username);
    const logins = { [provider]: idToken };
    const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    return ci.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins, CustomRoleArn: customRoleArn }));
  };
  const mapped = async (name: string, mapping: Record<string, unknown>) => {
    const id = await createIdentityPool(ci, name, [{ ProviderName: provider, ClientId: w.clientId }]);
    await ci.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: id,
        Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
        RoleMappings: { [mappingKey]: mapping as never },
      }),
    );
    return id;
  };

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    ci = identityClient(server);
    w = await world(idp);
    provider = awsProviderName(w.poolId);
    mappingKey = `${provider}:${w.clientId}`;
    const groups = [
      { GroupName: 'admins', Precedence: 0, RoleArn: role('Admin') },
      { GroupName: 'readers', Precedence: 5, RoleArn: role('Reader') },
      { GroupName: 'ops', Precedence: 1, RoleArn: role('Ops') },
      { GroupName: 'sre', Precedence: 1, RoleArn: role('Sre') },
    ];
    for (const g of groups) await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, ...g }));
    for (const g of ['admins', 'readers'])
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'alice', GroupName: g }));
    await createUser(idp, w.poolId, 'bob');
    await createUser(idp, w.poolId, 'carol');
    for (const g of ['ops', 'sre'])
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'carol', GroupName: g }));
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: w.poolId,
        Username: 'bob',
        UserAttributes: [{ Name: 'nickname', Value: 'bobby-tables' }],
      }),
    );
  });
  after(() => server.stop());

  it('SetIdentityPoolRoles checks RoleMappings: a configured provider, an AmbiguousRoleResolution, rules with role ARNs', async () => {
    const id = await createIdentityPool(ci, 'checks', [{ ProviderName: provider, ClientId: w.clientId }]);
    const set = (RoleMappings: Record<string, unknown>) =>
      ci.send(
        new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE }, RoleMappings: RoleMappings as never }),
      );
    await rejects(
      set({ [`${provider}:other-client`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } }),
      'InvalidParameterException',
      `${provider}:other-client is not a valid RoleMapping ProviderName or is not a configured provider.`,
    );
    await rejects(set({ [mappingKey]: { Type: 'Token' } }), 'InvalidParameterException', /AmbiguousRoleResolution is required/);
    await rejects(
      set({ [mappingKey]: { Type: 'Rules', AmbiguousRoleResolution: 'Deny' } }),
      'InvalidParameterException',
      /RulesConfiguration is required/,
    );
    const token = { Type: 'Token', AmbiguousRoleResolution: 'Deny' };
    await set({ [mappingKey]: token });
    assert.deepEqual((await ci.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).RoleMappings, { [mappingKey]: token });
  });

  it('Token: cognito:preferred_role, CustomRoleArn among cognito:roles, and the ambiguous cases', async () => {
    const fallback = await mapped('token-fallback', { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' });
    assert.equal(await roleOf(await credentialsFor(fallback, 'alice')), 'Admin', 'the highest-precedence group role');
    assert.equal(
      await roleOf(await credentialsFor(fallback, 'alice', role('Reader'))),
      'Reader',
      'CustomRoleArn picks another of its roles',
    );
    await rejects(
      getCredentials(fallback, 'alice', role('Ops')),
      'InvalidParameterException',
      `CustomRoleArn '${role('Ops')}' is not one of the roles in the token (cognito:roles).`,
    );
    assert.equal(await roleOf(await credentialsFor(fallback, 'bob')), 'AppAuthenticated', 'no groups: the authenticated role');
    assert.equal(await roleOf(await credentialsFor(fallback, 'carol')), 'AppAuthenticated', 'tied groups: no preferred role');

    const deny = await mapped('token-deny', { Type: 'Token', AmbiguousRoleResolution: 'Deny' });
    assert.equal(await roleOf(await credentialsFor(deny, 'alice')), 'Admin');
    await rejects(getCredentials(deny, 'bob'), 'NotAuthorizedException', DENIED);
    await rejects(getCredentials(deny, 'carol'), 'NotAuthorizedException', DENIED);
    assert.equal(
      await roleOf(await credentialsFor(deny, 'carol', role('Sre'))),
      'Sre',
      'an explicit choice among its roles is not ambiguous',
    );
  });

  it('Rules: the first matching rule wins (Equals, Contains, StartsWith, NotEqual); no match falls back or is denied', async () => {
    const rules = (resolution: string) => ({
      Type: 'Rules',
      AmbiguousRoleResolution: resolution,
      RulesConfiguration: {
        Rules: [
          { Claim: 'cognito:groups', MatchType: 'Equals', Value: 'ops', RoleARN: role('RuleOps') },
          { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'read', RoleARN: role('RuleReaders') },
          { Claim: 'nickname', MatchType: 'StartsWith', Value: 'bobby', RoleARN: role('RuleBobby') },
          { Claim: 'email', MatchType: 'NotEqual', Value: 'dave@example.com', RoleARN: role('RuleNotDave') },
        ],
      },
    });
    const fallback = await mapped('rules-fallback', rules('AuthenticatedRole'));
    assert.equal(await roleOf(await credentialsFor(fallback, 'carol')), 'RuleOps', 'Equals on a group');
    assert.equal(await roleOf(await credentialsFor(fallback, 'alice')), 'RuleReaders', 'Contains on a group name');
    assert.equal(await roleOf(await credentialsFor(fallback, 'bob')), 'RuleBobby', 'StartsWith on a string claim');
    await createUser(idp, w.poolId, 'erin');
    assert.equal(await roleOf(await credentialsFor(fallback, 'erin')), 'RuleNotDave', 'NotEqual');
    await createUser(idp, w.poolId, 'dave');
    assert.equal(await roleOf(await credentialsFor(fallback, 'dave')), 'AppAuthenticated', 'no rule matches: the authenticated role');

    const deny = await mapped('rules-deny', rules('Deny'));
    await rejects(getCredentials(deny, 'dave'), 'NotAuthorizedException', DENIED);
    assert.equal(await roleOf(await credentialsFor(deny, 'alice')), 'RuleReaders');
  });

  it('a group change reaches the identity pool with the next ID token, not the one already issued', async () => {
    const id = await mapped('live', { Type: 'Token', AmbiguousRoleResolution: 'Deny' });
    await createUser(idp, w.poolId, 'frank');
    const before = await signIn(idp, w.clientId, 'frank');
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'frank', GroupName: 'readers' }));
    const logins = { [provider]: before.idToken };
    const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: id, Logins: logins }));
    await rejects(ci.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })), 'NotAuthorizedException', DENIED);
    assert.equal(await roleOf(await credentialsFor(id, 'frank')), 'Reader');
  });
});
