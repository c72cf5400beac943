/**
 * USER_SRP_AUTH with amazon-cognito-identity-js in Node, pointed at Cognate through `endpoint`:
 * sign-in, getSession, refreshSession, globalSignOut and revokeTokens; afterwards the tokens are refused
 * by GetUser (SDK v3) and by refresh.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { PASSWORD, createClient, createUser, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { srpTimestamp, untyped } from './srp-client.ts';

type Err = Error & { code?: string; $metadata?: { httpStatusCode?: number } };

function signInSrp(pool: CognitoUserPool, username: string, password: string): Promise<{ user: CognitoUser; session: CognitoUserSession }> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ user, session }),
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
    }),
  );
}

const getSession = (user: CognitoUser) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.getSession((e: Error | null, s: CognitoUserSession) => (e ? reject(e) : resolve(s))),
  );
const refresh = (user: CognitoUser, token: string) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.refreshSession(new CognitoRefreshToken({ RefreshToken: token }), (e: Error | null, s: CognitoUserSession) =>
      e ? reject(e) : resolve(s),
    ),
  );

async function refused(p: Promise<unknown>, code: string, message: string) {
  await assert.rejects(p, (e: Err) => {
    assert.equal(e.code ?? e.name, code);
    assert.equal(e.message, message);
    return true;
  });
}

describe('USER_SRP_AUTH with amazon-cognito-identity-js', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;
  let pool: CognitoUserPool;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await world(idp);
    await createUser(idp, w.poolId, 'bob');
    pool = new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: `${server.url}/` });
  });
  after(() => server.stop());

  it('formats TIMESTAMP exactly as the library does', () => {
    const now = Date.now();
    const lib = new untyped.DateHelper().getNowString();
    assert.ok([srpTimestamp(now), srpTimestamp(now + 1000), srpTimestamp(now - 1000)].includes(lib), lib);
  });

  it('signs in with SRP, keeps and refreshes the session, and globalSignOut ends it everywhere', async () => {
    const { user, session } = await signInSrp(pool, 'alice', PASSWORD);
    assert.ok(session.isValid());
    const payload = session.getAccessToken().decodePayload();
    assert.equal(payload.username, 'alice');
    assert.equal(payload.token_use, 'access');
    assert.ok(payload.origin_jti, 'access token carries origin_jti, so the library treats it as revocable');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: session.getAccessToken().getJwtToken() }))).Username, 'alice');

    const cached = await getSession(user);
    assert.equal(cached.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());

    const refreshToken = session.getRefreshToken().getToken();
    const renewed = await refresh(user, refreshToken);
    assert.ok(renewed.isValid());
    assert.notEqual(renewed.getIdToken().getJwtToken(), '');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: renewed.getAccessToken().getJwtToken() }))).Username, 'alice');
    // A second sign-in on another "device" is also ended by the global sign-out.
    const other = await signInSrp(pool, 'alice', PASSWORD);

    await new Promise<void>((resolve, reject) => user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }));

    for (const s of [session, renewed, other.session]) {
      await refused(
        idp.send(new GetUserCommand({ AccessToken: s.getAccessToken().getJwtToken() })),
        'NotAuthorizedException',
        'Access Token has been revoked',
      );
    }
    await refused(refresh(user, refreshToken), 'NotAuthorizedException', 'Refresh Token has been revoked');
    // (The library retries refused refreshes with back-off for ~6 s; the SDK answers at once.)
    await refused(
      idp.send(
        new InitiateAuthCommand({
          ClientId: w.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: other.session.getRefreshToken().getToken() },
        }),
      ),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
  });

  it('signOut with revocation (revokeTokens) ends that sign-in only', async () => {
    const a = await signInSrp(pool, 'bob', PASSWORD);
    const b = await signInSrp(pool, 'bob', PASSWORD);
    const aRefresh = a.session.getRefreshToken().getToken();
    await new Promise<void>((resolve, reject) => a.user.signOut((e?: Error) => (e ? reject(e) : resolve())));
    await refused(
      idp.send(new GetUserCommand({ AccessToken: a.session.getAccessToken().getJwtToken() })),
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
    await refused(
      idp.send(
        new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: aRefresh } }),
      ),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: b.session.getAccessToken().getJwtToken() }))).Username, 'bob');
  });

  it('refuses a wrong password with Cognito’s message', async () => {
    await refused(signInSrp(pool, 'bob', 'Wrong-Horse-9'), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('signs in by e-mail in a pool whose user names are e-mail addresses (USER_ID_FOR_SRP is the sub)', async () => {
    const created = await idp.send(new CreateUserPoolCommand({ PoolName: 'by-email', UsernameAttributes: ['email'] }));
    const poolId = created.UserPool?.Id as string;
    const c = await createClient(idp, poolId);
    await createUser(idp, poolId, 'carol@example.com', PASSWORD, 'carol@example.com');
    const p = new CognitoUserPool({ UserPoolId: poolId, ClientId: c.ClientId, endpoint: `${server.url}/` });
    const { session } = await signInSrp(p, 'carol@example.com', PASSWORD);
    const me = await idp.send(new GetUserCommand({ AccessToken: session.getAccessToken().getJwtToken() }));
    assert.equal(me.UserAttributes?.find((x) => x.Name === 'email')?.Value, 'carol@example.com');
    assert.equal(me.Username, session.getIdToken().decodePayload().sub);
  });
});
