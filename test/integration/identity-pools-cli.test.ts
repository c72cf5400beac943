/**
 * Identity pools with the installed AWS CLI v1: create pools, sign in, get-id and
 * get-credentials-for-identity work; after global-sign-out the ServerSideTokenCheck pool refuses the ID
 * token while the other still accepts it; a fresh sign-in works again — before and after a restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { signIn, world } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { AUTH_ROLE, UNAUTH_ROLE, awsProviderName, issuerProviderName } from './identity-pools-helpers.ts';

describe('identity pools with the AWS CLI v1', { needs: ['aws-v1'] }, () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    server = await startTestServer();
    w = await world(idpClient(server));
  });
  after(() => server.stop());

  async function cli(args: string[]) {
    const r = await awsCli(server, args);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout || '{}');
  }

  async function createPool(name: string, providerName: string, check: boolean): Promise<string> {
    const pool = await cli([
      'cognito-identity',
      'create-identity-pool',
      '--identity-pool-name',
      name,
      '--no-allow-unauthenticated-identities',
      '--cognito-identity-providers',
      JSON.stringify([{ ProviderName: providerName, ClientId: w.clientId, ServerSideTokenCheck: check }]),
    ]);
    assert.equal(pool.IdentityPoolName, name);
    assert.equal(pool.CognitoIdentityProviders[0].ServerSideTokenCheck, check);
    await cli([
      'cognito-identity',
      'set-identity-pool-roles',
      '--identity-pool-id',
      pool.IdentityPoolId,
      '--roles',
      `authenticated=${AUTH_ROLE},unauthenticated=${UNAUTH_ROLE}`,
    ]);
    return pool.IdentityPoolId;
  }

  const getId = (pool: string, provider: string, idToken: string) =>
    awsCli(server, ['cognito-identity', 'get-id', '--identity-pool-id', pool, '--logins', JSON.stringify({ [provider]: idToken })]);

  it('get-id and credentials; global-sign-out ends the ID token only where ServerSideTokenCheck is on; across a restart', async () => {
    const idp = idpClient(server);
    const s = await signIn(idp, w.clientId, 'alice');
    const provider = awsProviderName(w.poolId);
    const issuerName = issuerProviderName(s.idToken);
    const checked = await createPool('checked', provider, true);
    const unchecked = await createPool('unchecked', issuerName, false);

    const id = await getId(checked, provider, s.idToken);
    assert.equal(id.status, 0, id.stderr);
    const identityId = JSON.parse(id.stdout).IdentityId as string;
    assert.match(identityId, /^us-east-1:[0-9a-f-]{36}$/);
    const creds = await cli([
      'cognito-identity',
      'get-credentials-for-identity',
      '--identity-id',
      identityId,
      '--logins',
      JSON.stringify({ [provider]: s.idToken }),
    ]);
    assert.equal(creds.IdentityId, identityId);
    assert.match(creds.Credentials.AccessKeyId, /^ASIA/);
    assert.ok(creds.Credentials.SecretKey && creds.Credentials.SessionToken && creds.Credentials.Expiration);
    const described = await cli(['cognito-identity', 'describe-identity', '--identity-id', identityId]);
    assert.deepEqual(described.Logins, [provider]);

    // global-sign-out is unsigned: the CLI sends only the access token.
    assert.equal((await awsCli(server, ['cognito-idp', 'global-sign-out', '--access-token', s.accessToken])).status, 0);

    const expectAfterSignOut = async () => {
      const refused = await getId(checked, provider, s.idToken);
      assert.equal(refused.status, 255);
      assert.match(
        refused.stderr,
        /An error occurred \(NotAuthorizedException\) when calling the GetId operation: Invalid login token\. Token has been revoked\./,
      );
      const accepted = await getId(unchecked, issuerName, s.idToken);
      assert.equal(accepted.status, 0, accepted.stderr);
      const fresh = await signIn(idpClient(server), w.clientId, 'alice');
      const again = await getId(checked, provider, fresh.idToken);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).IdentityId, identityId);
    };
    await expectAfterSignOut();
    server = await server.restart();
    await expectAfterSignOut();
  });

  it('an unknown pool and a malformed identity id get the service errors', async () => {
    const ghost = 'us-east-1:00000000-0000-0000-0000-000000000000';
    const r = await awsCli(server, ['cognito-identity', 'get-id', '--identity-pool-id', ghost]);
    assert.equal(r.status, 255);
    assert.match(
      r.stderr,
      new RegExp(`\\(ResourceNotFoundException\\) when calling the GetId operation: IdentityPool '${ghost}' not found\\.`),
    );
    const bad = await awsCli(server, ['cognito-identity', 'get-credentials-for-identity', '--identity-id', 'nope']);
    assert.equal(bad.status, 255);
    assert.match(
      bad.stderr,
      /\(InvalidParameterException\) when calling the GetCredentialsForIdentity operation: 1 validation error detected/,
    );
  });
});
