/**
 * Pins finding 4: with PreventUserExistenceErrors=ENABLED an unknown user must be indistinguishable from a
 * real one — SRP decoys had a shorter SECRET_BLOCK and answered faster, ForgotPassword /
 * ResendConfirmationCode / ConfirmForgotPassword said UserNotFoundException, ConfirmSignUp told "already
 * CONFIRMED" apart from a wrong code, and a wrong password cost more for a real user than for an unknown one.
 * Timing is compared on interleaved samples with generous bounds (the machine is shared and loaded).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, PASSWORD } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
    return { name: 'ok', message: '' };
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

describe('PreventUserExistenceErrors=ENABLED hides who exists', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp, 'hidden', { AutoVerifiedAttributes: ['email'] });
    clientId = (await createClient(idp, poolId, { PreventUserExistenceErrors: 'ENABLED' })).ClientId;
    for (const u of ['alice', 'srpuser', 'timed', 'confirmed']) await createUser(idp, poolId, u);
    await idp.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'pending',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'p@example.com' }],
      }),
    );
  });
  after(() => server.stop());

  it('ForgotPassword and ResendConfirmationCode answer with simulated delivery details, stable per name', async () => {
    const real = await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }));
    const ghost = await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ghost' }));
    const again = await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ghost' }));
    assert.deepEqual(Object.keys(ghost.CodeDeliveryDetails ?? {}).sort(), Object.keys(real.CodeDeliveryDetails ?? {}).sort());
    assert.equal(ghost.CodeDeliveryDetails?.DeliveryMedium, real.CodeDeliveryDetails?.DeliveryMedium);
    assert.equal(ghost.CodeDeliveryDetails?.AttributeName, 'email');
    assert.match(ghost.CodeDeliveryDetails?.Destination ?? '', /^[a-z]\*\*\*@[a-z]\*\*\*$/);
    assert.deepEqual(again.CodeDeliveryDetails, ghost.CodeDeliveryDetails);
    const resendReal = await idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'pending' }));
    const resendGhost = await idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ghost' }));
    assert.equal(resendGhost.CodeDeliveryDetails?.DeliveryMedium, resendReal.CodeDeliveryDetails?.DeliveryMedium);
    assert.match(resendGhost.CodeDeliveryDetails?.Destination ?? '', /^[a-z]\*\*\*@[a-z]\*\*\*$/);
  });

  it('ConfirmForgotPassword and ConfirmSignUp answer CodeMismatchException for unknown and confirmed users alike', async () => {
    const forgotGhost = await errorOf(
      idp.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'ghost2',
          ConfirmationCode: '123456',
          Password: 'Other-Passw0rd!',
        }),
      ),
    );
    const forgotReal = await errorOf(
      idp.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'alice',
          ConfirmationCode: '000000',
          Password: 'Other-Passw0rd!',
        }),
      ),
    );
    assert.deepEqual(forgotGhost, forgotReal);
    assert.equal(forgotGhost.name, 'CodeMismatchException');
    const signUpGhost = await errorOf(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ghost2', ConfirmationCode: '123456' })),
    );
    const signUpConfirmed = await errorOf(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'confirmed', ConfirmationCode: '123456' })),
    );
    assert.deepEqual(signUpGhost, signUpConfirmed);
    assert.equal(signUpGhost.name, 'CodeMismatchException');
  });

  it('the SRP decoy challenge has the real shape: same members, SECRET_BLOCK length, salt and id formats', async () => {
    const start = async (username: string) =>
      (
        await idp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_SRP_AUTH',
            AuthParameters: { USERNAME: username, SRP_A: randomBytes(384).toString('hex').replace(/^0+/, '1') },
          }),
        )
      ).ChallengeParameters as Record<string, string>;
    const real: Record<string, string>[] = [];
    const ghost: Record<string, string>[] = [];
    for (let i = 0; i < 12; i++) {
      real.push(await start('srpuser'));
      ghost.push(await start('srp-ghost'));
    }
    assert.deepEqual(Object.keys(ghost[0] ?? {}).sort(), Object.keys(real[0] ?? {}).sort());
    const blockLengths = (xs: Record<string, string>[]) => xs.map((x) => x.SECRET_BLOCK?.length ?? 0);
    const realLen = median(blockLengths(real));
    const ghostLen = median(blockLengths(ghost));
    assert.ok(Math.abs(realLen - ghostLen) <= 4, `SECRET_BLOCK lengths: real ${realLen}, decoy ${ghostLen}`);
    for (const g of ghost) {
      assert.match(g.SECRET_BLOCK ?? '', /^[A-Za-z0-9+/]+=*$/);
      assert.match(g.SALT ?? '', /^[1-7][0-9a-f]{31}$/);
      assert.match(g.SRP_B ?? '', /^[0-9a-f]+$/);
      assert.equal(g.SALT, ghost[0]?.SALT, 'the same salt for the same name');
      assert.equal(g.USER_ID_FOR_SRP, ghost[0]?.USER_ID_FOR_SRP, 'the same user id for the same name');
    }
    assert.equal(Math.abs(median(ghost.map((g) => g.SRP_B?.length ?? 0)) - median(real.map((r) => r.SRP_B?.length ?? 0))) <= 2, true);
  });

  it('a wrong password costs the same for a real and an unknown user (interleaved samples)', async () => {
    const wrong = (username: string) =>
      idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: 'Wrong-Passw0rd!' },
        }),
      );
    const time = async (username: string) => {
      const t = process.hrtime.bigint();
      const e = await errorOf(wrong(username));
      assert.deepEqual(e, { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const real: number[] = [];
    const ghost: number[] = [];
    for (let i = 0; i < 24; i++) {
      // Interleaved, order alternating, so load on the machine falls on both alike.
      if (i % 2 === 0) {
        real.push(await time('timed'));
        ghost.push(await time(`ghost-${i}`));
      } else {
        ghost.push(await time(`ghost-${i}`));
        real.push(await time('timed'));
      }
      // Keep the real user below the lock-out (a right password resets the count; not timed).
      if (i % 3 === 2) {
        await idp.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'timed', PASSWORD: PASSWORD },
          }),
        );
      }
    }
    const ratio = median(ghost) / median(real);
    assert.ok(
      ratio > 0.6 && ratio < 1.7,
      `median unknown ${median(ghost).toFixed(2)} ms vs real ${median(real).toFixed(2)} ms (ratio ${ratio.toFixed(2)})`,
    );
  });
});
