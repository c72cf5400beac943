/**
 * The real server on PostgreSQL (`--database postgres://…`), driven with the AWS SDK v3: sign-out
 * survives a restart, and two server instances on one database — two nodes — agree on every revocation,
 * because every check reads the shared store. Skipped, with the install command, when PostgreSQL is unreachable.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from '../helpers/tools.ts';
import {
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { newAccessKeyId, newSecretAccessKey } from '../../src/domain/ids.ts';
import { createUser, signIn, world } from '../helpers/fixtures.ts';
import { createTestSchema, type TestSchema } from '../helpers/postgres.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

async function rejects(p: Promise<unknown>, name: string, message: string) {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

const refresh = (idp: ReturnType<typeof idpClient>, clientId: string, token: string) =>
  idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } }));

describe('the server on PostgreSQL', { needs: ['postgres'] }, () => {
  let schema: TestSchema;
  // Every node of one deployment shares the master key (sealed signing keys), the root credentials and
  // the public URL (the load balancer's: it is the tokens' issuer).
  const shared = {
    rootAccessKeyId: newAccessKeyId('AKIA'),
    rootSecretAccessKey: newSecretAccessKey(),
    publicUrl: 'https://auth.cognate.test',
  };

  before(async () => {
    process.env.COGNATE_MASTER_KEY = randomBytes(32).toString('base64');
    schema = await createTestSchema('server');
  });
  after(async () => {
    await schema?.drop();
  });

  it('global sign-out through the real server stays in force across a restart', async () => {
    let server: TestServer = await startTestServer({ database: schema.url, ...shared });
    try {
      assert.equal(server.app.store.kind, 'postgres');
      let idp = idpClient(server);
      const w = await world(idp);
      await createUser(idp, w.poolId, 'bob');
      const dead = await signIn(idp, w.clientId, 'alice');
      const live = await signIn(idp, w.clientId, 'bob');
      await idp.send(new GlobalSignOutCommand({ AccessToken: dead.accessToken }));
      await rejects(
        idp.send(new GetUserCommand({ AccessToken: dead.accessToken })),
        'NotAuthorizedException',
        'Access Token has been revoked',
      );

      server = await server.restart();
      idp = idpClient(server);
      await rejects(
        idp.send(new GetUserCommand({ AccessToken: dead.accessToken })),
        'NotAuthorizedException',
        'Access Token has been revoked',
      );
      await rejects(refresh(idp, w.clientId, dead.refreshToken), 'NotAuthorizedException', 'Refresh Token has been revoked');
      assert.equal((await idp.send(new GetUserCommand({ AccessToken: live.accessToken }))).Username, 'bob');
      const again = await signIn(idp, w.clientId, 'alice');
      assert.equal((await idp.send(new GetUserCommand({ AccessToken: again.accessToken }))).Username, 'alice');
    } finally {
      await server.stop();
    }
  });

  it('two server instances on one database: a token revoked through one is refused by the other', async () => {
    const a = await startTestServer({ database: schema.url, ...shared });
    const b = await startTestServer({ database: schema.url, ...shared });
    try {
      const idpA = idpClient(a);
      const idpB = idpClient(b);
      const w = await world(idpA);
      await createUser(idpB, w.poolId, 'carol');
      const pools = await idpB.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(
        pools.UserPools?.some((p) => p.Id === w.poolId),
        'a pool created on A is listed by B',
      );

      // Tokens minted by either node are accepted by the other (same keys, same store).
      const s1 = await signIn(idpA, w.clientId, 'alice');
      const s2 = await signIn(idpB, w.clientId, 'alice');
      assert.equal((await idpB.send(new GetUserCommand({ AccessToken: s1.accessToken }))).Username, 'alice');
      assert.equal((await idpA.send(new GetUserCommand({ AccessToken: s2.accessToken }))).Username, 'alice');
      const carol = await signIn(idpB, w.clientId, 'carol');

      // Global sign-out on A ends both of alice's sign-ins, as B sees them, at once.
      await idpA.send(new GlobalSignOutCommand({ AccessToken: s1.accessToken }));
      for (const s of [s1, s2]) {
        await rejects(
          idpB.send(new GetUserCommand({ AccessToken: s.accessToken })),
          'NotAuthorizedException',
          'Access Token has been revoked',
        );
        await rejects(refresh(idpB, w.clientId, s.refreshToken), 'NotAuthorizedException', 'Refresh Token has been revoked');
      }

      // RevokeToken on B ends carol's grant on A; her other sign-in lives on.
      const carol2 = await signIn(idpA, w.clientId, 'carol');
      await idpB.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: carol.refreshToken }));
      await rejects(
        idpA.send(new GetUserCommand({ AccessToken: carol.accessToken })),
        'NotAuthorizedException',
        'Access Token has been revoked',
      );
      await rejects(refresh(idpA, w.clientId, carol.refreshToken), 'NotAuthorizedException', 'Refresh Token has been revoked');
      assert.equal((await idpB.send(new GetUserCommand({ AccessToken: carol2.accessToken }))).Username, 'carol');
      const refreshed = await refresh(idpB, w.clientId, carol2.refreshToken);
      assert.ok(refreshed.AuthenticationResult?.AccessToken);
    } finally {
      await b.stop();
      await a.stop();
    }
  });
});
