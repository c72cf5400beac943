/**
 * Identity pools with the AWS SDK v3 (@aws-sdk/client-cognito-identity, fromCognitoIdentityPool) and
 * aws-jwt-verify: sign in to a user pool, trade the ID token for an identity and credentials, and see
 * ServerSideTokenCheck refuse a signed-out user's ID token — across a restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CreateUserPoolCommand,
  GlobalSignOutCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type CognitoIdentityClient,
  DeleteIdentityPoolCommand,
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  ListIdentitiesCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { createClient, createPool, createUser, signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import {
  AUTH_ROLE,
  UNAUTH_ROLE,
  awsProviderName,
  createIdentityPool,
  identityClient,
  issuerProviderName,
  rejects,
} from './identity-pools-helpers.ts';

const REVOKED = 'Invalid login token. Token has been revoked.';

describe('identity pools', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let ci: CognitoIdentityClient;
  let w: Awaited<ReturnType<typeof world>>;
  /** ServerSideTokenCheck on, named the AWS way, no guests. */
  let checked: string;
  /** ServerSideTokenCheck off, named by Cognate's issuer, guests allowed. */
  let unchecked: string;
  let provider: string;
  let issuerName: string;

  const connect = () => {
    idp = idpClient(server);
    ci = identityClient(server);
  };

  before(async () => {
    server = await startTestServer();
    connect();
    w = await world(idp);
    provider = awsProviderName(w.poolId);
    issuerName = issuerProviderName((await signIn(idp, w.clientId, 'alice')).idToken);
    checked = await createIdentityPool(ci, 'checked', [{ ProviderName: provider, ClientId: w.clientId, ServerSideTokenCheck: true }]);
    unchecked = await createIdentityPool(ci, 'unchecked', [{ ProviderName: issuerName, ClientId: w.clientId }], true);
  });
  after(() => server.stop());

  const getId = (pool: string, logins?: Record<string, string>) => ci.send(new GetIdCommand({ IdentityPoolId: pool, Logins: logins }));
  const creds = (identityId: string, logins?: Record<string, string>) =>
    ci.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins }));
  const countIdentities = async (pool: string) =>
    (await ci.send(new ListIdentitiesCommand({ IdentityPoolId: pool, MaxResults: 60 }))).Identities?.length ?? 0;

  it('manages pools: create, describe, list, update, roles, delete', async () => {
    const d = await ci.send(new DescribeIdentityPoolCommand({ IdentityPoolId: checked }));
    assert.match(checked, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(d.IdentityPoolName, 'checked');
    assert.equal(d.AllowUnauthenticatedIdentities, false);
    assert.deepEqual(d.CognitoIdentityProviders, [{ ProviderName: provider, ClientId: w.clientId, ServerSideTokenCheck: true }]);
    const roles = await ci.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: checked }));
    assert.deepEqual(roles.Roles, { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE });
    const list = await ci.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    assert.equal(list.IdentityPools?.length, 1);
    const rest = await ci.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken: list.NextToken }));
    assert.deepEqual(
      new Set([...(list.IdentityPools ?? []), ...(rest.IdentityPools ?? [])].map((p) => p.IdentityPoolId)),
      new Set([checked, unchecked]),
    );

    const temp = await createIdentityPool(ci, 'temp', []);
    const up = await ci.send(
      new UpdateIdentityPoolCommand({ IdentityPoolId: temp, IdentityPoolName: 'renamed', AllowUnauthenticatedIdentities: true }),
    );
    assert.equal(up.IdentityPoolName, 'renamed');
    assert.equal((await ci.send(new DescribeIdentityPoolCommand({ IdentityPoolId: temp }))).AllowUnauthenticatedIdentities, true);
    await rejects(
      ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: temp, Roles: { admin: AUTH_ROLE } })),
      'InvalidParameterException',
      /^1 validation error detected: Value 'admin' at 'roles.admin.key' failed to satisfy constraint/,
    );
    await ci.send(new DeleteIdentityPoolCommand({ IdentityPoolId: temp }));
    await rejects(
      ci.send(new DescribeIdentityPoolCommand({ IdentityPoolId: temp })),
      'ResourceNotFoundException',
      `IdentityPool '${temp}' not found.`,
    );
  });

  it('sign in → GetId → credentials; the same user keeps one identity; fromCognitoIdentityPool works', async () => {
    const s = await signIn(idp, w.clientId, 'alice');
    const { IdentityId } = await getId(checked, { [provider]: s.idToken });
    assert.match(IdentityId ?? '', /^us-east-1:[0-9a-f-]{36}$/);
    // Cognate's issuer form names the same user pool, so the same user maps to the same identity.
    const again = await getId(checked, { [issuerName]: (await signIn(idp, w.clientId, 'alice')).idToken });
    assert.equal(again.IdentityId, IdentityId);

    const before = Date.now() + server.clock.offset;
    const r = await creds(IdentityId as string, { [provider]: s.idToken });
    assert.equal(r.IdentityId, IdentityId);
    assert.match(r.Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
    const exp = r.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(exp - (before + 3600_000)) < 5_000, `expiration ${exp} is about an hour away`);

    const described = await ci.send(new DescribeIdentityCommand({ IdentityId }));
    assert.deepEqual(described.Logins, [provider]);
    assert.ok(described.CreationDate instanceof Date);

    const provided = fromCognitoIdentityPool({
      identityPoolId: checked,
      logins: { [provider]: s.idToken },
      clientConfig: { endpoint: server.url, region: 'us-east-1', maxAttempts: 1 },
    });
    const c = await provided();
    assert.equal(c.identityId, IdentityId);
    assert.ok(c.sessionToken && c.secretAccessKey && c.expiration);
  });

  it('identity-pool credentials are recognised by SigV4 but never carry admin powers', async () => {
    const s = await signIn(idp, w.clientId, 'alice');
    const c = await fromCognitoIdentityPool({
      identityPoolId: checked,
      logins: { [provider]: s.idToken },
      clientConfig: { endpoint: server.url, region: 'us-east-1', maxAttempts: 1 },
    })();
    const arn = 'arn:aws:sts::000000000000:assumed-role/AppAuthenticated/CognitoIdentityCredentials';
    await rejects(
      idpClient(server, c).send(new CreateUserPoolCommand({ PoolName: 'mine' })),
      'AccessDeniedException',
      `User: ${arn} is not authorized to perform: cognito-idp:CreateUserPool because no identity-based policy allows the cognito-idp:CreateUserPool action`,
    );
    await rejects(
      identityClient(server, c).send(new ListIdentityPoolsCommand({ MaxResults: 10 })),
      'AccessDeniedException',
      new RegExp(`^User: ${arn} is not authorized to perform: cognito-identity:ListIdentityPools`),
    );
  });

  it('guests: allowed by one pool, refused by the other; an authenticated identity needs its logins', async () => {
    const guest = await getId(unchecked);
    const r = await creds(guest.IdentityId as string);
    await rejects(
      idpClient(server, {
        accessKeyId: r.Credentials?.AccessKeyId as string,
        secretAccessKey: r.Credentials?.SecretKey as string,
        sessionToken: r.Credentials?.SessionToken as string,
      }).send(new CreateUserPoolCommand({ PoolName: 'guest' })),
      'AccessDeniedException',
      /assumed-role\/AppGuest\/CognitoIdentityCredentials/,
    );
    const n = await countIdentities(checked);
    await rejects(getId(checked), 'NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.');
    assert.equal(await countIdentities(checked), n);

    const s = await signIn(idp, w.clientId, 'alice');
    const { IdentityId } = await getId(checked, { [provider]: s.idToken });
    await rejects(
      creds(IdentityId as string),
      'NotAuthorizedException',
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    );
  });

  it('concurrent GetId calls for one user end with one identity; ListIdentities pages', async () => {
    await createUser(idp, w.poolId, 'dave');
    const s = await signIn(idp, w.clientId, 'dave');
    const ids = await Promise.all(Array.from({ length: 8 }, () => getId(checked, { [provider]: s.idToken })));
    assert.equal(new Set(ids.map((r) => r.IdentityId)).size, 1);
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = await ci.send(new ListIdentitiesCommand({ IdentityPoolId: checked, MaxResults: 1, NextToken: next }));
      assert.ok((page.Identities?.length ?? 0) <= 1);
      seen.push(...(page.Identities ?? []).map((i) => i.IdentityId as string));
      next = page.NextToken;
    } while (next);
    assert.equal(seen.length, await countIdentities(checked));
    assert.ok(seen.includes(ids[0]?.IdentityId as string));
  });

  it('GetOpenIdToken returns a token aws-jwt-verify accepts with the published JWKS', async () => {
    const s = await signIn(idp, w.clientId, 'alice');
    const { IdentityId } = await getId(checked, { [provider]: s.idToken });
    const r = await ci.send(new GetOpenIdTokenCommand({ IdentityId, Logins: { [provider]: s.idToken } }));
    const discovery = (await (await fetch(`${server.url}/identity/.well-known/openid-configuration`)).json()) as Record<string, string>;
    assert.equal(discovery.issuer, `${server.url}/identity`);
    const jwks = await (await fetch(discovery.jwks_uri as string)).json();
    const verifier = JwtRsaVerifier.create({ issuer: `${server.url}/identity`, audience: checked, jwksUri: discovery.jwks_uri as string });
    verifier.cacheJwks(jwks);
    const payload = await verifier.verify(r.Token as string);
    assert.equal(payload.sub, IdentityId);
    assert.deepEqual((payload.amr as string[]).slice(0, 2), ['authenticated', provider]);
  });

  it('bad input: AWS errors, nothing written', async () => {
    const s = await signIn(idp, w.clientId, 'alice');
    const n = await countIdentities(checked);
    const ghost = 'us-east-1:00000000-0000-0000-0000-000000000000';
    await rejects(getId(ghost, { [provider]: s.idToken }), 'ResourceNotFoundException', `IdentityPool '${ghost}' not found.`);
    await rejects(creds(ghost, { [provider]: s.idToken }), 'ResourceNotFoundException', `Identity '${ghost}' not found.`);
    await rejects(
      creds('not-an-identity'),
      'InvalidParameterException',
      /at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    // A user pool the identity pool does not trust.
    const otherPool = await createPool(idp, 'other');
    const otherClient = await createClient(idp, otherPool);
    await createUser(idp, otherPool, 'mallory');
    const m = await signIn(idp, otherClient.ClientId, 'mallory');
    await rejects(
      getId(checked, { [awsProviderName(otherPool)]: m.idToken }),
      'NotAuthorizedException',
      'Token is not from a supported provider of this identity pool.',
    );
    // The token's issuer is not the provider it is presented for.
    await rejects(
      getId(checked, { [provider]: m.idToken }),
      'NotAuthorizedException',
      "Invalid login token. Issuer doesn't match providerName",
    );
    // Another client of the trusted user pool.
    const sideClient = await createClient(idp, w.poolId, { ClientName: 'side' });
    const side = await signIn(idp, sideClient.ClientId, 'alice');
    await rejects(
      getId(checked, { [provider]: side.idToken }),
      'NotAuthorizedException',
      'Token is not from a supported provider of this identity pool.',
    );
    await rejects(
      getId(checked, { [provider]: s.accessToken }),
      'NotAuthorizedException',
      'Invalid login token. Missing a required claim: aud',
    );
    const [h, p, sig] = s.idToken.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'someone-else' })).toString(
      'base64url',
    );
    await rejects(
      getId(checked, { [provider]: `${h}.${forged}.${sig}` }),
      'NotAuthorizedException',
      "Invalid login token. Couldn't verify signed token.",
    );
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await rejects(
      getId(checked, { [provider]: `${none}.${p}.${sig}` }),
      'NotAuthorizedException',
      "Invalid login token. Couldn't verify signed token.",
    );
    await rejects(
      getId(checked, { [provider]: 'garbage' }),
      'NotAuthorizedException',
      'Invalid login token. Not a valid OpenId Connect identity token.',
    );
    assert.equal(await countIdentities(checked), n);
  });

  it('after GlobalSignOut the ID token is refused by a ServerSideTokenCheck pool, accepted by one without; across a restart', async () => {
    const s = await signIn(idp, w.clientId, 'alice');
    const checkedId = (await getId(checked, { [provider]: s.idToken })).IdentityId as string;
    const uncheckedId = (await getId(unchecked, { [issuerName]: s.idToken })).IdentityId as string;
    await idp.send(new GlobalSignOutCommand({ AccessToken: s.accessToken }));

    const expectRevoked = async () => {
      await rejects(getId(checked, { [provider]: s.idToken }), 'NotAuthorizedException', REVOKED);
      await rejects(creds(checkedId, { [provider]: s.idToken }), 'NotAuthorizedException', REVOKED);
      await rejects(
        ci.send(new GetOpenIdTokenCommand({ IdentityId: checkedId, Logins: { [provider]: s.idToken } })),
        'NotAuthorizedException',
        REVOKED,
      );
      assert.equal((await getId(unchecked, { [issuerName]: s.idToken })).IdentityId, uncheckedId);
      assert.ok((await creds(uncheckedId, { [issuerName]: s.idToken })).Credentials?.AccessKeyId);
    };
    await expectRevoked();
    const fresh = await signIn(idp, w.clientId, 'alice');
    assert.equal((await getId(checked, { [provider]: fresh.idToken })).IdentityId, checkedId);

    server = await server.restart();
    connect();
    await expectRevoked();
    assert.ok((await creds(checkedId, { [provider]: fresh.idToken })).Credentials?.AccessKeyId);
    const afterRestart = await signIn(idp, w.clientId, 'alice');
    assert.equal((await getId(checked, { [provider]: afterRestart.idToken })).IdentityId, checkedId);
  });

  it('admin sign-out, RevokeToken, disabling and deleting the user end the ID token for ServerSideTokenCheck', async () => {
    await createUser(idp, w.poolId, 'carol');
    const a = await signIn(idp, w.clientId, 'carol');
    const b = await signIn(idp, w.clientId, 'carol');
    await idp.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: a.refreshToken }));
    await rejects(getId(checked, { [provider]: a.idToken }), 'NotAuthorizedException', REVOKED);
    await getId(checked, { [provider]: b.idToken }); // another sign-in of the same user is unaffected

    await idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: w.poolId, Username: 'carol' }));
    await rejects(getId(checked, { [provider]: b.idToken }), 'NotAuthorizedException', REVOKED);

    const c = await signIn(idp, w.clientId, 'carol');
    await idp.send(new AdminDisableUserCommand({ UserPoolId: w.poolId, Username: 'carol' }));
    await rejects(getId(checked, { [provider]: c.idToken }), 'NotAuthorizedException', REVOKED);
    await idp.send(new AdminDeleteUserCommand({ UserPoolId: w.poolId, Username: 'carol' }));
    await rejects(getId(checked, { [provider]: c.idToken }), 'NotAuthorizedException', REVOKED);
    // Without ServerSideTokenCheck the token stands until it expires.
    assert.ok((await getId(unchecked, { [issuerName]: c.idToken })).IdentityId);
  });

  it('expiry: ID tokens past exp are refused; credentials end after an hour', async () => {
    const s = await signIn(idp, w.clientId, 'alice');
    const { IdentityId } = await getId(unchecked, { [issuerName]: s.idToken });
    const r = await creds(IdentityId as string, { [issuerName]: s.idToken });
    const c = {
      accessKeyId: r.Credentials?.AccessKeyId as string,
      secretAccessKey: r.Credentials?.SecretKey as string,
      sessionToken: r.Credentials?.SessionToken as string,
    };
    server.clock.advance(3600_000 + 1000);
    await rejects(
      getId(unchecked, { [issuerName]: s.idToken }),
      'NotAuthorizedException',
      /^Invalid login token\. Token expired: \d+ >= \d+$/,
    );
    // Sign with the server's (advanced) time so that only the credentials' expiry can fail.
    const late = identityClient(server, c);
    late.config.systemClockOffset = server.clock.offset;
    await rejects(
      late.send(new ListIdentityPoolsCommand({ MaxResults: 1 })),
      'ExpiredTokenException',
      'The security token included in the request is expired',
    );
  });
});
