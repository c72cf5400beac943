/**
 * Pins the missing USER_AUTH decoy: with PreventUserExistenceErrors=ENABLED, choice-based sign-in
 * (InitiateAuth AuthFlow=USER_AUTH) answered SELECT_CHALLENGE with AvailableChallenges for a real user
 * but NotAuthorizedException at once for an unknown one, so one call told who exists. Cognito documents
 * that it answers an unknown user with a selection of the challenge types the pool allows; here that
 * answer has the real one's shape, costs the same work, and every follow-up fails as a wrong answer does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createUser } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { SrpAttempt, srpTimestamp } from '../integration/srp-client.ts';

const WRONG = 'Wrong-Horse-1';
const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
    return { name: 'ok', message: '' };
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
}

/** A response without the SDK's metadata, with the opaque Session reduced to its length. */
function shape(r: InitiateAuthCommandOutput): Record<string, unknown> {
  const { $metadata: _m, Session, ...rest } = r;
  return { ...rest, Session: Session?.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

describe('USER_AUTH behind PreventUserExistenceErrors=ENABLED hides who exists', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  /** A pool whose only first factor is the password (the default). */
  let plainPool: string;
  let plainClient: string;
  /** A pool that also allows EMAIL_OTP. */
  let otpPool: string;
  let otpClient: string;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    plainPool = (await idp.send(new CreateUserPoolCommand({ PoolName: 'plain' }))).UserPool?.Id as string;
    plainClient = (await createClient(idp, plainPool, { ExplicitAuthFlows: FLOWS, PreventUserExistenceErrors: 'ENABLED' })).ClientId;
    otpPool = (
      await idp.send(
        new CreateUserPoolCommand({
          PoolName: 'otp',
          AutoVerifiedAttributes: ['email'],
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
        }),
      )
    ).UserPool?.Id as string;
    otpClient = (await createClient(idp, otpPool, { ExplicitAuthFlows: FLOWS, PreventUserExistenceErrors: 'ENABLED' })).ClientId;
    await createUser(idp, plainPool, 'pia');
    await createUser(idp, otpPool, 'uma');
  });
  after(() => server.stop());

  const start = (ClientId: string, username: string, extra: Record<string, string> = {}) =>
    idp.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username, ...extra } }));
  const respond = (
    ClientId: string,
    ChallengeName: ChallengeNameType,
    Session: string | undefined,
    ChallengeResponses: Record<string, string>,
  ) => idp.send(new RespondToAuthChallengeCommand({ ClientId, ChallengeName, Session, ChallengeResponses }));

  it('LEGACY clients still say UserNotFoundException', async () => {
    const legacy = (await createClient(idp, plainPool, { ExplicitAuthFlows: FLOWS })).ClientId;
    assert.deepEqual(await errorOf(start(legacy, 'ghost')), { name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('an unknown user gets the SELECT_CHALLENGE a real one gets: same members, same choices, a session of the same form', async () => {
    const real = await start(plainClient, 'pia');
    const ghost = await start(plainClient, 'ghost');
    assert.equal(real.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(shape(ghost), shape(real));
    assert.deepEqual(ghost.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
    assert.match(ghost.Session ?? '', /^[A-Za-z0-9_-]{64}$/);
  });

  it('with passwordless factors allowed, an unknown name is offered a selection of them, the same every time', async () => {
    const real = await start(otpClient, 'uma');
    assert.deepEqual(real.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const first = await start(otpClient, `ghost-${i}`);
      const again = await start(otpClient, `ghost-${i}`);
      assert.deepEqual(Object.keys(shape(first)).sort(), Object.keys(shape(real)).sort());
      assert.equal(first.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(again.AvailableChallenges, first.AvailableChallenges, 'stable per name');
      assert.ok(
        [JSON.stringify(['PASSWORD', 'PASSWORD_SRP']), JSON.stringify(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'])].includes(
          JSON.stringify(first.AvailableChallenges),
        ),
        JSON.stringify(first.AvailableChallenges),
      );
      seen.add(JSON.stringify(first.AvailableChallenges));
    }
    assert.equal(seen.size, 2, 'names differ in what they are offered, as users do');
  });

  it('a password, up front or as the ANSWER, fails for an unknown user exactly as a wrong one does', async () => {
    const upFront = (u: string) => errorOf(start(plainClient, u, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: WRONG }));
    const answered = async (u: string) => {
      const c = await start(plainClient, u);
      return errorOf(respond(plainClient, 'SELECT_CHALLENGE', c.Session, { USERNAME: u, ANSWER: 'PASSWORD', PASSWORD: WRONG }));
    };
    const wrong = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    assert.deepEqual(await upFront('pia'), wrong);
    assert.deepEqual(await upFront('ghost-a'), wrong);
    assert.deepEqual(await answered('pia'), wrong);
    assert.deepEqual(await answered('ghost-a'), wrong);
  });

  it('ANSWER=PASSWORD_SRP: a PASSWORD_VERIFIER of the same shape, whose proof fails as a wrong password does', async () => {
    const attempt = async (u: string) => {
      const srp = new SrpAttempt(plainPool);
      const c = await start(plainClient, u);
      const v = await respond(plainClient, 'SELECT_CHALLENGE', c.Session, { USERNAME: u, ANSWER: 'PASSWORD_SRP', SRP_A: await srp.srpA() });
      assert.equal(v.ChallengeName, 'PASSWORD_VERIFIER');
      const params = v.ChallengeParameters as Record<string, string>;
      const answer = await srp.answer(params, WRONG, srpTimestamp(server.clock.now()));
      const e = await errorOf(respond(plainClient, 'PASSWORD_VERIFIER', v.Session, answer));
      return { keys: Object.keys(params).sort(), e };
    };
    const real = await attempt('pia');
    const ghost = await attempt('ghost-b');
    assert.deepEqual(ghost, real);
    assert.deepEqual(real.e, { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('ANSWER=EMAIL_OTP: a code "sent" to a simulated address; any code is CodeMismatchException, as a wrong code is', async () => {
    let ghostName: string | undefined;
    for (let i = 0; i < 16 && !ghostName; i++) {
      if ((await start(otpClient, `ghost-${i}`)).AvailableChallenges?.includes('EMAIL_OTP')) ghostName = `ghost-${i}`;
    }
    assert.ok(ghostName, 'some unknown name is offered EMAIL_OTP');
    const sent = server.app.outbox.recent().length;
    const attempt = async (u: string) => {
      const c = await start(otpClient, u);
      const otp = await respond(otpClient, 'SELECT_CHALLENGE', c.Session, { USERNAME: u, ANSWER: 'EMAIL_OTP' });
      const { $metadata: _m, Session, ...rest } = otp;
      const codes = [];
      for (const code of ['000000', '123456']) {
        codes.push(await errorOf(respond(otpClient, 'EMAIL_OTP', Session, { USERNAME: u, EMAIL_OTP_CODE: code })));
      }
      return { rest, session: Session?.length, codes };
    };
    const real = await attempt('uma');
    const ghost = await attempt(ghostName);
    assert.equal(server.app.outbox.recent().length, sent + 1, 'only the real user was sent a code');
    assert.equal(real.rest.ChallengeName, 'EMAIL_OTP');
    assert.deepEqual(Object.keys(ghost.rest).sort(), Object.keys(real.rest).sort());
    assert.deepEqual(Object.keys(ghost.rest.ChallengeParameters ?? {}).sort(), Object.keys(real.rest.ChallengeParameters ?? {}).sort());
    assert.equal(ghost.rest.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.match(ghost.rest.ChallengeParameters?.CODE_DELIVERY_DESTINATION ?? '', /^[a-z]\*\*\*@[a-z]\*\*\*$/);
    assert.equal(ghost.session, real.session);
    // The real user's codes above were wrong unless the code happened to be one of them.
    const realCode = server.app.outbox.recent().at(-1)?.code;
    assert.ok(realCode !== '000000' && realCode !== '123456', 'rerun: the sent code was one of the guesses');
    assert.deepEqual(ghost.codes, real.codes);
    assert.deepEqual(real.codes[0], { name: 'CodeMismatchException', message: 'Invalid code received for user' });
  });

  it('WEB_AUTHN offered to an unknown name: request options for a made-up passkey; any assertion is refused as a stranger’s passkey', async () => {
    const pkPool = (
      await idp.send(
        new CreateUserPoolCommand({ PoolName: 'pk', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } }),
      )
    ).UserPool?.Id as string;
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pkPool, WebAuthnConfiguration: { RelyingPartyId: 'example.com' } }));
    const pkClient = (await createClient(idp, pkPool, { ExplicitAuthFlows: FLOWS, PreventUserExistenceErrors: 'ENABLED' })).ClientId;
    let name: string | undefined;
    for (let i = 0; i < 16 && !name; i++) {
      if ((await start(pkClient, `pk-ghost-${i}`)).AvailableChallenges?.includes('WEB_AUTHN')) name = `pk-ghost-${i}`;
    }
    assert.ok(name, 'some unknown name is offered WEB_AUTHN');
    const options = async () => {
      const c = await start(pkClient, name as string, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      assert.equal(c.ChallengeName, 'WEB_AUTHN');
      assert.match(c.Session ?? '', /^[A-Za-z0-9_-]{64}$/);
      const o = JSON.parse(c.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}');
      return { session: c.Session, o };
    };
    const one = await options();
    const two = await options();
    assert.equal(one.o.rpId, 'example.com');
    assert.equal(one.o.userVerification, 'preferred');
    assert.equal(one.o.allowCredentials.length, 1);
    assert.deepEqual(two.o.allowCredentials, one.o.allowCredentials, 'the same passkey for the same name');
    assert.notEqual(two.o.challenge, one.o.challenge);
    const assertion = (type: string) => ({
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: {
        clientDataJSON: Buffer.from(JSON.stringify({ type, challenge: one.o.challenge, origin: 'https://example.com' })).toString(
          'base64url',
        ),
        authenticatorData: 'AAAA',
        signature: 'AAAA',
      },
      clientExtensionResults: {},
    });
    const answer = (type: string, session: string | undefined) =>
      errorOf(respond(pkClient, 'WEB_AUTHN', session, { USERNAME: name as string, CREDENTIAL: JSON.stringify(assertion(type)) }));
    assert.deepEqual(await answer('webauthn.get', one.session), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    assert.equal((await answer('webauthn.create', two.session)).name, 'WebAuthnClientMismatchException');
  });

  it('an ANSWER that was not offered, or a USERNAME that is not the session’s, is refused alike', async () => {
    const refusals = async (u: string) => {
      const c = await start(plainClient, u);
      const notOffered = await errorOf(respond(plainClient, 'SELECT_CHALLENGE', c.Session, { USERNAME: u, ANSWER: 'EMAIL_OTP' }));
      const d = await start(plainClient, u);
      const otherName = await errorOf(
        respond(plainClient, 'SELECT_CHALLENGE', d.Session, { USERNAME: 'someone-else', ANSWER: 'PASSWORD', PASSWORD: WRONG }),
      );
      return { notOffered, otherName };
    };
    const real = await refusals('pia');
    assert.deepEqual(await refusals('ghost-c'), real);
    assert.equal(real.notOffered.name, 'InvalidParameterException');
    assert.equal(real.otherName.name, 'NotAuthorizedException');
  });

  it('the same work: one challenge session written per start, and interleaved timings alike', async (t) => {
    const db = (server.app.store as unknown as { db: import('better-sqlite3').Database }).db;
    const sessions = () => (db.prepare('SELECT count(*) AS n FROM auth_sessions').get() as { n: number }).n;
    const time = async (u: string) => {
      const before = sessions();
      const t = process.hrtime.bigint();
      const r = await start(plainClient, u);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      assert.equal(r.ChallengeName, 'SELECT_CHALLENGE');
      assert.equal(sessions() - before, 1, `${u}: one session written`);
      return ms;
    };
    const real: number[] = [];
    const ghost: number[] = [];
    for (let i = 0; i < 24; i++) {
      // Interleaved, order alternating, so load on the machine falls on both alike.
      if (i % 2 === 0) {
        real.push(await time('pia'));
        ghost.push(await time(`timed-ghost-${i}`));
      } else {
        ghost.push(await time(`timed-ghost-${i}`));
        real.push(await time('pia'));
      }
    }
    const ratio = median(ghost) / median(real);
    t.diagnostic(
      `SELECT_CHALLENGE median: unknown ${median(ghost).toFixed(2)} ms, real ${median(real).toFixed(2)} ms (ratio ${ratio.toFixed(2)})`,
    );
    assert.ok(
      ratio > 0.5 && ratio < 2,
      `median unknown ${median(ghost).toFixed(2)} ms vs real ${median(real).toFixed(2)} ms (ratio ${ratio.toFixed(2)})`,
    );
  });
});
