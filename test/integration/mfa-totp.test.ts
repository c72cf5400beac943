/**
 * Pool MFA configuration and TOTP with the AWS SDK v3: SetUserPoolMfaConfig / GetUserPoolMfaConfig,
 * AssociateSoftwareToken and VerifySoftwareToken, SetUserMFAPreference, the SOFTWARE_TOKEN_MFA challenge
 * after USER_PASSWORD_AUTH and USER_SRP_AUTH, wrong and replayed codes, sessions that are single-use and
 * short-lived, MFA_SETUP under ON, and the TOTP secret sealed at rest.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, PASSWORD, signIn } from '../helpers/fixtures.ts';
import { followServerClock } from '../helpers/sdk-clock.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { totp } from '../helpers/totp.ts';
import { SrpAttempt, srpTimestamp } from './srp-client.ts';

async function refused(p: Promise<unknown>, name: string, message?: RegExp | string) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

/** Every file under `dir`, read as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push({ path: p, bytes: readFileSync(p) });
  }
  return out;
}

describe('MFA: pool configuration and TOTP (SDK v3)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  const now = () => server.clock.now();

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    followServerClock(server, idp);
    poolId = await createPool(idp, 'mfa');
    clientId = (await createClient(idp, poolId)).ClientId;
  });
  after(() => server.stop());

  /** Signs `username` in with TOTP set up by access token and turned on as preferred; returns the secret. */
  async function enrolTotp(username: string): Promise<string> {
    await createUser(idp, poolId, username);
    const { accessToken: AccessToken } = await signIn(idp, clientId, username);
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    assert.match(SecretCode ?? '', /^[A-Z2-7]{32}$/);
    const v = await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode as string, now()) }));
    assert.equal(v.Status, 'SUCCESS');
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    return SecretCode as string;
  }

  async function passwordStep(username: string) {
    return idp.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
    );
  }

  function answerTotp(session: string | undefined, username: string, code: string) {
    return idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
      }),
    );
  }

  it('GetUserPoolMfaConfig: OFF by default; MFA cannot be turned on without a factor; the configuration round-trips', async () => {
    const fresh = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(fresh.MfaConfiguration, 'OFF');
    assert.deepEqual(fresh.SoftwareTokenMfaConfiguration, { Enabled: false });
    await refused(idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON' })), 'InvalidParameterException');
    assert.equal((await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).MfaConfiguration, 'OFF', 'nothing written');
    await refused(
      idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          WebAuthnConfiguration: { RelyingPartyId: 'example.com', FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' },
        }),
      ),
      'InvalidParameterException',
      /FactorConfiguration/,
    );
    const set = await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    assert.equal(set.MfaConfiguration, 'OPTIONAL');
    assert.deepEqual(set.SoftwareTokenMfaConfiguration, { Enabled: true });
    const pool = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool as Record<string, unknown>;
    assert.equal(pool.MfaConfiguration, 'OPTIONAL');
    assert.equal(pool.MfaFactorSettings, undefined, 'DescribeUserPool shows only UserPoolType members');
    // UpdateUserPool sets the mode but leaves the factors SetUserPoolMfaConfig chose.
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' }));
    const kept = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.deepEqual(kept.SoftwareTokenMfaConfiguration, { Enabled: true });
  });

  it('VerifySoftwareToken: a wrong code is refused; SetUserMFAPreference needs a verified token; GetUser lists the factor', async () => {
    await createUser(idp, poolId, 'vera');
    const { accessToken: AccessToken } = await signIn(idp, clientId, 'vera');
    await refused(
      idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } })),
      'InvalidParameterException',
      'User has not verified software token mfa',
    );
    await refused(idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '123456' })), 'SoftwareTokenMFANotFoundException');
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    const good = totp(SecretCode as string, now());
    const wrong = good === '000000' ? '000001' : '000000';
    await refused(
      idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong })),
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    assert.equal((await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: good }))).Status, 'SUCCESS');
    // Verified is not yet on: Cognito turns TOTP on with SetUserMFAPreference.
    assert.equal((await idp.send(new GetUserCommand({ AccessToken }))).UserMFASettingList, undefined);
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const u = await idp.send(new GetUserCommand({ AccessToken }));
    assert.deepEqual(u.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(u.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    const a = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'vera' }));
    assert.deepEqual(a.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(a.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
  });

  it('USER_PASSWORD_AUTH → SOFTWARE_TOKEN_MFA: a wrong code may be retried on the session; a used session or code is refused', async () => {
    const secret = await enrolTotp('tom');
    server.clock.advance(30_000); // past the step the enrolment used
    const first = await passwordStep('tom');
    assert.equal(first.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(first.ChallengeParameters, {});
    assert.equal(first.AuthenticationResult, undefined);
    assert.ok((first.Session ?? '').length >= 20);
    const code = totp(secret, now());
    await refused(
      answerTotp(first.Session, 'tom', code === '111111' ? '222222' : '111111'),
      'CodeMismatchException',
      'Invalid code received for user',
    );
    const ok = await answerTotp(first.Session, 'tom', code);
    assert.ok(ok.AuthenticationResult?.AccessToken);
    assert.ok(ok.AuthenticationResult?.RefreshToken);
    await refused(answerTotp(first.Session, 'tom', code), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    // The same code on a new sign-in, inside its window: refused (no reuse).
    const again = await passwordStep('tom');
    await refused(answerTotp(again.Session, 'tom', code), 'CodeMismatchException');
    server.clock.advance(30_000);
    const next = await answerTotp(again.Session, 'tom', totp(secret, now()));
    assert.ok(next.AuthenticationResult?.IdToken);
  });

  it('USER_SRP_AUTH → PASSWORD_VERIFIER → SOFTWARE_TOKEN_MFA', async () => {
    const secret = await enrolTotp('sara');
    server.clock.advance(30_000);
    const attempt = new SrpAttempt(poolId);
    const init = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'sara', SRP_A: await attempt.srpA() },
      }),
    );
    const params = init.ChallengeParameters as Record<string, string>;
    const verifier = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: await attempt.answer(params, PASSWORD, srpTimestamp(now())),
      }),
    );
    assert.equal(verifier.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const done = await answerTotp(verifier.Session, params.USER_ID_FOR_SRP as string, totp(secret, now()));
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('sessions: five wrong codes end one and hit the per-user limit; AuthSessionValidity bounds its life', async () => {
    const secret = await enrolTotp('wes');
    server.clock.advance(30_000);
    const s = await passwordStep('wes');
    const good = totp(secret, now());
    const bad = good === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) await refused(answerTotp(s.Session, 'wes', bad), 'CodeMismatchException');
    await refused(answerTotp(s.Session, 'wes', good), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    // The five wrong codes also count against the user (store-backed, per hour): a new sign-in does not
    // buy more guesses, even with the right code.
    const fresh = await passwordStep('wes');
    await refused(answerTotp(fresh.Session, 'wes', good), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    const late = await passwordStep('wes');
    server.clock.advance(3 * 60_000 + 1000); // the default 3 minutes
    await refused(
      answerTotp(late.Session, 'wes', totp(secret, now())),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  it('MFA_SETUP under ON: AssociateSoftwareToken and VerifySoftwareToken with the Session, then tokens', async () => {
    const onPool = await createPool(idp, 'required');
    const c = (await createClient(idp, onPool)).ClientId;
    await idp.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: onPool, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    await createUser(idp, onPool, 'nina');
    const init = await idp.send(
      new InitiateAuthCommand({ ClientId: c, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nina', PASSWORD } }),
    );
    assert.equal(init.ChallengeName, 'MFA_SETUP');
    assert.deepEqual(JSON.parse(init.ChallengeParameters?.MFAS_CAN_SETUP ?? ''), ['SOFTWARE_TOKEN_MFA']);
    await refused(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: c,
          ChallengeName: 'MFA_SETUP',
          Session: init.Session,
          ChallengeResponses: { USERNAME: 'nina' },
        }),
      ),
      'InvalidParameterException',
    );
    const assoc = await idp.send(new AssociateSoftwareTokenCommand({ Session: init.Session }));
    assert.ok(assoc.SecretCode && assoc.Session);
    await refused(idp.send(new AssociateSoftwareTokenCommand({ Session: init.Session })), 'NotAuthorizedException');
    const verified = await idp.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: totp(assoc.SecretCode, now()) }));
    assert.equal(verified.Status, 'SUCCESS');
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: c,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'nina' },
      }),
    );
    const token = done.AuthenticationResult?.AccessToken;
    assert.ok(token);
    const u = await idp.send(new GetUserCommand({ AccessToken: token }));
    assert.deepEqual(u.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(u.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    // From now on the user answers SOFTWARE_TOKEN_MFA.
    server.clock.advance(30_000);
    const next = await idp.send(
      new InitiateAuthCommand({ ClientId: c, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nina', PASSWORD } }),
    );
    assert.equal(next.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });

  it('the TOTP secret is sealed at rest: no file of the data dir holds it', async () => {
    const secret = await enrolTotp('sealed');
    const pending = (
      await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: (await signInWithTotp('sealed', secret)).AccessToken }))
    ).SecretCode as string;
    for (const s of [secret, pending]) {
      for (const f of filesUnder(server.dataDir)) {
        for (const form of [s, s.toLowerCase(), Buffer.from(s).toString('base64')]) {
          assert.equal(f.bytes.includes(Buffer.from(form)), false, `${f.path} holds a TOTP secret`);
        }
      }
    }
  });

  async function signInWithTotp(username: string, secret: string) {
    server.clock.advance(30_000);
    const s = await passwordStep(username);
    const r = await answerTotp(s.Session, username, totp(secret, now()));
    return r.AuthenticationResult as { AccessToken: string };
  }
});
