/** ExplicitAuthFlows: what a client allows, including Cognito's default when none are given. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD, createClient, createPool, createUser } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { SrpAttempt, srpTimestamp } from './srp-client.ts';

describe('explicit auth flows', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let poolId: string;
  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp);
    await createUser(idp, poolId, 'alice');
  });
  after(() => server.stop());

  async function srpSignIn(clientId: string) {
    const attempt = new SrpAttempt(poolId);
    const init = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'alice', SRP_A: await attempt.srpA() },
      }),
    );
    assert.equal(init.ChallengeName, 'PASSWORD_VERIFIER');
    const responses = await attempt.answer(init.ChallengeParameters ?? {}, PASSWORD, srpTimestamp(server.clock.now()));
    return idp.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses }),
    );
  }

  it('a client created without ExplicitAuthFlows allows SRP and refresh, not USER_PASSWORD_AUTH', async () => {
    const { ClientId } = await createClient(idp, poolId, { ExplicitAuthFlows: undefined });
    await assert.rejects(
      idp.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } })),
      { name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' },
    );
    const done = await srpSignIn(ClientId);
    const refresh = done.AuthenticationResult?.RefreshToken as string;
    assert.ok(refresh);
    const refreshed = await idp.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refresh } }),
    );
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
  });

  it('a client limited to USER_PASSWORD_AUTH refuses SRP', async () => {
    const { ClientId } = await createClient(idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await assert.rejects(srpSignIn(ClientId), { name: 'InvalidParameterException' });
    const ok = await idp.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
    );
    assert.ok(ok.AuthenticationResult?.AccessToken);
  });
});
