/** The session lifecycle with the AWS SDK v3: sign in, use, every kind of sign-out, sign in again. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createUser, signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

async function rejects(p: Promise<unknown>, name: string, message: string) {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

describe('sign-out really signs out', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await world(idp);
    await createUser(idp, w.poolId, 'bob');
  });
  after(() => server.stop());

  it('GlobalSignOut revokes every access and refresh token of the user, and only that user', async () => {
    const s1 = await signIn(idp, w.clientId, 'alice');
    const s2 = await signIn(idp, w.clientId, 'alice');
    const bob = await signIn(idp, w.clientId, 'bob');
    const me = await idp.send(new GetUserCommand({ AccessToken: s1.accessToken }));
    assert.equal(me.Username, 'alice');

    await idp.send(new GlobalSignOutCommand({ AccessToken: s1.accessToken }));

    for (const s of [s1, s2]) {
      await rejects(
        idp.send(new GetUserCommand({ AccessToken: s.accessToken })),
        'NotAuthorizedException',
        'Access Token has been revoked',
      );
      await rejects(
        idp.send(
          new InitiateAuthCommand({
            ClientId: w.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: s.refreshToken },
          }),
        ),
        'NotAuthorizedException',
        'Refresh Token has been revoked',
      );
    }
    await rejects(
      idp.send(new GlobalSignOutCommand({ AccessToken: s1.accessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: bob.accessToken }))).Username, 'bob');
    const fresh = await signIn(idp, w.clientId, 'alice');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: fresh.accessToken }))).Username, 'alice');
  });

  it('RevokeToken ends one grant and the tokens refreshed from it, not the others', async () => {
    const a = await signIn(idp, w.clientId, 'alice');
    const b = await signIn(idp, w.clientId, 'alice');
    const refreshed = await idp.send(
      new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: a.refreshToken } }),
    );
    const a2 = refreshed.AuthenticationResult?.AccessToken as string;
    assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined);
    await idp.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: a.refreshToken }));
    for (const t of [a.accessToken, a2]) {
      await rejects(idp.send(new GetUserCommand({ AccessToken: t })), 'NotAuthorizedException', 'Access Token has been revoked');
    }
    await rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN', AuthParameters: { REFRESH_TOKEN: a.refreshToken } }),
      ),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: b.accessToken }))).Username, 'alice');
  });

  it('AdminUserGlobalSignOut revokes the user everywhere', async () => {
    const s = await signIn(idp, w.clientId, 'bob');
    await idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: w.poolId, Username: 'bob' }));
    await rejects(idp.send(new GetUserCommand({ AccessToken: s.accessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejects(
      idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: w.poolId, Username: 'nobody' })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  it('a restart keeps revocations and live sessions as they were', async () => {
    const live = await signIn(idp, w.clientId, 'alice');
    const dead = await signIn(idp, w.clientId, 'bob');
    await idp.send(new GlobalSignOutCommand({ AccessToken: dead.accessToken }));
    server = await server.restart();
    idp = idpClient(server);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: live.accessToken }))).Username, 'alice');
    await rejects(
      idp.send(new GetUserCommand({ AccessToken: dead.accessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
  });
});
