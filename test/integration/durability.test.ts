/**
 * Revocation survives a `kill -9` the instant after the response: the sign-out is on disk before the
 * client hears "done".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { kill9, restartChildServer, startChildServer } from '../helpers/child-server.ts';
import { signIn, world } from '../helpers/fixtures.ts';

const client = (url: string, keys: { accessKeyId: string; secretAccessKey: string }) =>
  new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });

describe('durability', () => {
  it('global sign-out and RevokeToken survive kill -9 right after the response', async () => {
    let s = await startChildServer();
    let idp = client(s.url, s.rootKeys);
    const w = await world(idp);
    const signedOut = await signIn(idp, w.clientId, 'alice');
    await idp.send(new GlobalSignOutCommand({ AccessToken: signedOut.accessToken }));
    await kill9(s);

    s = await restartChildServer(s);
    idp = client(s.url, s.rootKeys);
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: signedOut.accessToken })), /Access Token has been revoked/);
    const a = await signIn(idp, w.clientId, 'alice');
    const b = await signIn(idp, w.clientId, 'alice');
    await idp.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: a.refreshToken }));
    await kill9(s);

    s = await restartChildServer(s);
    idp = client(s.url, s.rootKeys);
    try {
      await assert.rejects(idp.send(new GetUserCommand({ AccessToken: a.accessToken })), /Access Token has been revoked/);
      await assert.rejects(
        idp.send(
          new InitiateAuthCommand({
            ClientId: w.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: a.refreshToken },
          }),
        ),
        /Refresh Token has been revoked/,
      );
      assert.equal((await idp.send(new GetUserCommand({ AccessToken: b.accessToken }))).Username, 'alice');
    } finally {
      await kill9(s);
    }
  });
});
