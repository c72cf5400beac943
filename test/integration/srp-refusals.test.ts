/**
 * USER_SRP_AUTH driven by hand (the library's own SRP math, the SDK v3 on the wire): the challenge's
 * shape, every refusal (wrong proof, replayed/expired/tampered SECRET_BLOCK, a proof for another user,
 * malformed SRP_A, bad TIMESTAMP), lockout, SECRET_HASH, ALLOW_USER_SRP_AUTH, temporary passwords and
 * the Admin variant.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD, createClient, createUser, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { SrpAttempt, srpTimestamp } from './srp-client.ts';

type Err = Error & { $metadata?: { httpStatusCode?: number } };
type Params = Record<string, string>;

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

async function refused(p: Promise<unknown>, name: string, message: string) {
  await assert.rejects(p, (e: Err) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret).update(`${username}${clientId}`).digest('base64');

describe('USER_SRP_AUTH refusals and variants', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;

  /** Starts an SRP sign-in; returns the attempt and the challenge parameters. */
  async function initiate(username: string, clientId = w.clientId, extra: Params = {}, srpA?: string) {
    const attempt = new SrpAttempt(w.poolId);
    const r = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: username, SRP_A: srpA ?? (await attempt.srpA()), ...extra },
      }),
    );
    assert.equal(r.ChallengeName, 'PASSWORD_VERIFIER');
    return { attempt, params: r.ChallengeParameters as Params, response: r };
  }

  const respond = (responses: Params, clientId = w.clientId) =>
    idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses }));

  const now = () => srpTimestamp(server.clock.now());

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await world(idp);
    for (const u of ['bob', 'dave']) await createUser(idp, w.poolId, u);
  });
  after(() => server.stop());

  it('answers with Cognito’s PASSWORD_VERIFIER challenge (no Session) and signs in with the right proof', async () => {
    const { attempt, params, response } = await initiate('alice');
    assert.deepEqual(Object.keys(params).sort(), ['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    assert.equal(response.Session, undefined);
    assert.equal(params.USERNAME, 'alice');
    assert.equal(params.USER_ID_FOR_SRP, 'alice');
    assert.match(params.SRP_B as string, /^[0-9a-f]+$/);
    assert.match(params.SECRET_BLOCK as string, /^[A-Za-z0-9+/]+=*$/);
    const again = await initiate('alice');
    assert.equal(again.params.SALT, params.SALT, 'the salt is the user’s, stable');
    assert.notEqual(again.params.SRP_B, params.SRP_B, 'B is fresh each time');
    const r = await respond(await attempt.answer(params, PASSWORD, now()));
    assert.equal(r.AuthenticationResult?.TokenType, 'Bearer');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: r.AuthenticationResult?.AccessToken }))).Username, 'alice');
  });

  it('refuses a wrong password, and the SECRET_BLOCK is single use (replay, retry after a wrong guess)', async () => {
    const wrong = await initiate('alice');
    const bad = await wrong.attempt.answer(wrong.params, 'Wrong-Horse-9', now());
    await refused(respond(bad), 'NotAuthorizedException', 'Incorrect username or password.');
    // The right password on the same block: the block is spent.
    await refused(
      respond(await wrong.attempt.answer(wrong.params, PASSWORD, now())),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );

    const ok = await initiate('alice');
    const answer = await ok.attempt.answer(ok.params, PASSWORD, now());
    assert.ok((await respond(answer)).AuthenticationResult?.AccessToken);
    await refused(respond(answer), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('refuses an expired SECRET_BLOCK (AuthSessionValidity, 3 minutes by default)', async () => {
    const { attempt, params } = await initiate('alice');
    server.clock.advance(3 * 60_000 + 1_000);
    await refused(
      respond(await attempt.answer(params, PASSWORD, now())),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  it('refuses a tampered or foreign SECRET_BLOCK', async () => {
    const { attempt, params } = await initiate('alice');
    const block = Buffer.from(params.SECRET_BLOCK as string, 'base64');
    block[block.length - 3] = (block[block.length - 3] ?? 0) ^ 1;
    const tampered = { ...params, SECRET_BLOCK: block.toString('base64') };
    await refused(respond(await attempt.answer(tampered, PASSWORD, now())), 'NotAuthorizedException', 'Incorrect username or password.');
    const junk = { ...params, SECRET_BLOCK: Buffer.from('not a block').toString('base64') };
    await refused(respond(await attempt.answer(junk, PASSWORD, now())), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('refuses a proof for another user, and a block answered on another client', async () => {
    // Bob's password and name against Alice's challenge.
    const a = await initiate('alice');
    await refused(
      respond(await a.attempt.answer(a.params, PASSWORD, now(), 'bob')),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    // Alice's valid proof, relabelled as Bob.
    const b = await initiate('alice');
    const proof = await b.attempt.answer(b.params, PASSWORD, now());
    await refused(respond({ ...proof, USERNAME: 'bob' }), 'NotAuthorizedException', 'Incorrect username or password.');
    // Alice's valid proof sent to another client of the same pool.
    const other = await createClient(idp, w.poolId);
    const c = await initiate('alice');
    await refused(
      respond(await c.attempt.answer(c.params, PASSWORD, now()), other.ClientId),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
  });

  it('refuses malformed SRP_A: not hex at initiation; A ≡ 0 (mod N) at the proof, even a forged “S = 0” proof', async () => {
    await refused(
      initiate('alice', w.clientId, {}, 'not-hex!'),
      'InvalidParameterException',
      'Invalid SRP_A: the value must be a hexadecimal number.',
    );
    const hex = (n: bigint) => {
      let h = n.toString(16);
      if (h.length % 2) h = `0${h}`;
      return /^[89a-f]/.test(h) ? `00${h}` : h;
    };
    const sha = (h: string) => createHash('sha256').update(Buffer.from(h, 'hex')).digest();
    const N = BigInt(`0x${N_HEX}`);
    for (const A of [0n, N, 2n * N]) {
      const { params } = await initiate('alice', w.clientId, {}, A.toString(16));
      // With A ≡ 0 the shared secret an unchecked server computes is S = 0: forge the proof an attacker would.
      const u = sha(hex(A) + hex(BigInt(`0x${params.SRP_B}`)));
      const prk = createHmac('sha256', Buffer.from(hex(BigInt(`0x${u.toString('hex')}`)), 'hex'))
        .update(Buffer.from(hex(0n), 'hex'))
        .digest();
      const key = createHmac('sha256', prk)
        .update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])]))
        .digest()
        .subarray(0, 16);
      const ts = now();
      const sig = createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from(w.poolId.split('_')[1] as string),
            Buffer.from('alice'),
            Buffer.from(params.SECRET_BLOCK as string, 'base64'),
            Buffer.from(ts),
          ]),
        )
        .digest('base64');
      await refused(
        respond({
          USERNAME: 'alice',
          PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK as string,
          TIMESTAMP: ts,
          PASSWORD_CLAIM_SIGNATURE: sig,
        }),
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
    }
  });

  it('refuses a TIMESTAMP that is malformed or far from the server clock', async () => {
    const t = server.clock.now();
    const padded = srpTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5)).replace(' 2 ', ' 02 ');
    for (const ts of [padded, srpTimestamp(t - 10 * 60_000), srpTimestamp(t + 10 * 60_000), 'yesterday']) {
      const { attempt, params } = await initiate('alice');
      await refused(respond(await attempt.answer(params, PASSWORD, ts)), 'NotAuthorizedException', 'Incorrect username or password.');
    }
  });

  it('locks the user out after repeated wrong proofs ("Password attempts exceeded"), then lets them back in', async (t) => {
    // The first lock lasts 2 s: the clock stands still so a slow machine cannot outlast it between steps.
    server.clock.freeze();
    t.after(() => server.clock.thaw());
    for (let i = 0; i < 5; i++) {
      const { attempt, params } = await initiate('dave');
      await refused(
        respond(await attempt.answer(params, 'Wrong-Horse-9', now())),
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
    }
    const locked = await initiate('dave');
    await refused(
      respond(await locked.attempt.answer(locked.params, PASSWORD, now())),
      'NotAuthorizedException',
      'Password attempts exceeded',
    );
    server.clock.advance(5_000);
    const back = await initiate('dave');
    assert.ok((await respond(await back.attempt.answer(back.params, PASSWORD, now()))).AuthenticationResult?.AccessToken);
  });

  it('requires SECRET_HASH when the client has a secret, on both steps', async () => {
    const c = await createClient(idp, w.poolId, { GenerateSecret: true });
    const secret = c.ClientSecret as string;
    await refused(
      initiate('alice', c.ClientId),
      'NotAuthorizedException',
      `Client ${c.ClientId} is configured for secret but secret was not received`,
    );
    const { attempt, params } = await initiate('alice', c.ClientId, { SECRET_HASH: secretHash(secret, 'alice', c.ClientId) });
    const answer = await attempt.answer(params, PASSWORD, now());
    await refused(
      respond(answer, c.ClientId),
      'NotAuthorizedException',
      `Client ${c.ClientId} is configured for secret but secret was not received`,
    );
    await refused(
      respond({ ...answer, SECRET_HASH: secretHash(secret, 'bob', c.ClientId) }, c.ClientId),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${c.ClientId}`,
    );
    // The refusals above did not spend the block: SECRET_HASH is judged before it is consumed.
    const r = await respond({ ...answer, SECRET_HASH: secretHash(secret, 'alice', c.ClientId) }, c.ClientId);
    assert.ok(r.AuthenticationResult?.AccessToken);
  });

  it('enforces ALLOW_USER_SRP_AUTH', async () => {
    const c = await createClient(idp, w.poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await refused(initiate('alice', c.ClientId), 'InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.');
  });

  it('unknown users: UserNotFoundException (LEGACY), or a decoy challenge that never succeeds (ENABLED)', async () => {
    await refused(initiate('nobody'), 'UserNotFoundException', 'User does not exist.');
    const c = await createClient(idp, w.poolId, { PreventUserExistenceErrors: 'ENABLED' });
    const one = await initiate('nobody', c.ClientId);
    const two = await initiate('nobody', c.ClientId);
    assert.equal(one.params.SALT, two.params.SALT, 'a decoy salt is stable, like a real one');
    assert.equal(one.params.USER_ID_FOR_SRP, 'nobody');
    await refused(
      respond(await one.attempt.answer(one.params, PASSWORD, now()), c.ClientId),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
  });

  it('a temporary password leads to NEW_PASSWORD_REQUIRED after the verifier', async () => {
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'erin', TemporaryPassword: 'Temp-Pass-1', MessageAction: 'SUPPRESS' }),
    );
    const { attempt, params } = await initiate('erin');
    const r = await respond(await attempt.answer(params, 'Temp-Pass-1', now()));
    assert.equal(r.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.ok(r.Session);
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: w.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: r.Session,
        ChallengeResponses: { USERNAME: 'erin', NEW_PASSWORD: 'Brand-New-Pass-2' },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
    const next = await initiate('erin');
    assert.ok((await respond(await next.attempt.answer(next.params, 'Brand-New-Pass-2', now()))).AuthenticationResult?.AccessToken);
  });

  it('AdminInitiateAuth + AdminRespondToAuthChallenge with USER_SRP_AUTH', async () => {
    const attempt = new SrpAttempt(w.poolId);
    const r = await idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: w.poolId,
        ClientId: w.clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'bob', SRP_A: await attempt.srpA() },
      }),
    );
    assert.equal(r.ChallengeName, 'PASSWORD_VERIFIER');
    const done = await idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: w.poolId,
        ClientId: w.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: await attempt.answer(r.ChallengeParameters as Params, PASSWORD, now()),
      }),
    );
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult?.AccessToken }))).Username, 'bob');
  });

  it('measures the server’s share of an SRP sign-in (both round trips, client math excluded)', async (t) => {
    const rounds = 30;
    let serverMs = 0;
    for (let i = 0; i < rounds; i++) {
      const attempt = new SrpAttempt(w.poolId);
      const A = await attempt.srpA();
      let t0 = performance.now();
      const r = await idp.send(
        new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'bob', SRP_A: A } }),
      );
      serverMs += performance.now() - t0;
      const answer = await attempt.answer(r.ChallengeParameters as Params, PASSWORD, now());
      t0 = performance.now();
      const done = await respond(answer);
      serverMs += performance.now() - t0;
      assert.ok(done.AuthenticationResult?.AccessToken);
    }
    let passwordMs = performance.now();
    for (let i = 0; i < rounds; i++) {
      await idp.send(
        new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD } }),
      );
    }
    passwordMs = (performance.now() - passwordMs) / rounds;
    t.diagnostic(
      `SRP sign-in, server side (InitiateAuth + RespondToAuthChallenge over HTTP): ${(serverMs / rounds).toFixed(1)} ms each; ` +
        `USER_PASSWORD_AUTH for comparison: ${passwordMs.toFixed(1)} ms`,
    );
    assert.ok(serverMs / rounds < 250);
  });
});
