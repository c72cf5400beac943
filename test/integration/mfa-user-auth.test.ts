/**
 * Choice-based sign-in (AuthFlow USER_AUTH) with the AWS SDK v3: SELECT_CHALLENGE with
 * AvailableChallenges, PREFERRED_CHALLENGE, the PASSWORD, PASSWORD_SRP, EMAIL_OTP and SMS_OTP factors,
 * MFA after a password but not after a one-time code, sign-up without a password, and the pool rules on
 * AllowedFirstAuthFactors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, PASSWORD } from '../helpers/fixtures.ts';
import { refused } from '../helpers/refused.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { SrpAttempt, srpTimestamp } from './srp-client.ts';

const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'];
const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' };

describe('USER_AUTH choice-based sign-in (SDK v3)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp, 'choice', {
      AutoVerifiedAttributes: ['email'],
      SmsConfiguration: SMS,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } },
    });
    clientId = (await createClient(idp, poolId, { ExplicitAuthFlows: FLOWS })).ClientId;
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'uma',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'uma@example.com' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'phone_number', Value: '+15555550166' },
          { Name: 'phone_number_verified', Value: 'true' },
        ],
      }),
    );
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'uma', Password: PASSWORD, Permanent: true }));
  });
  after(() => server.stop());

  const start = (params: Record<string, string>) =>
    idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma', ...params } }));
  const respond = (ChallengeName: ChallengeNameType, Session: string | undefined, ChallengeResponses: Record<string, string>) =>
    idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName,
        Session,
        ChallengeResponses: { USERNAME: 'uma', ...ChallengeResponses },
      }),
    );
  const lastCode = (username: string) => {
    const m = server.app.outbox
      .recent()
      .filter((x) => x.username === username && x.kind === 'mfa-code')
      .pop();
    assert.ok(m);
    return m;
  };

  it('no preference: SELECT_CHALLENGE lists what the user can use; ANSWER=PASSWORD signs in', async () => {
    const c = await start({});
    assert.equal(c.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(c.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']);
    await refused(respond('SELECT_CHALLENGE', c.Session, { ANSWER: 'WEB_AUTHN' }), 'InvalidParameterException');
    const again = await start({});
    const done = await respond('SELECT_CHALLENGE', again.Session, { ANSWER: 'PASSWORD', PASSWORD });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('PREFERRED_CHALLENGE=EMAIL_OTP: a code to the outbox is the whole sign-in; a wrong code is refused', async () => {
    const c = await start({ PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(c.ChallengeName, 'EMAIL_OTP');
    assert.deepEqual(c.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'u***@e***' });
    const m = lastCode('uma');
    assert.equal(m.destination, 'uma@example.com');
    await refused(respond('EMAIL_OTP', c.Session, { EMAIL_OTP_CODE: m.code === '000000' ? '000001' : '000000' }), 'CodeMismatchException');
    const done = await respond('EMAIL_OTP', c.Session, { EMAIL_OTP_CODE: m.code });
    assert.ok(done.AuthenticationResult?.AccessToken);
    await refused(respond('EMAIL_OTP', c.Session, { EMAIL_OTP_CODE: m.code }), 'NotAuthorizedException');
  });

  it('SELECT_CHALLENGE → SMS_OTP; ANSWER=PASSWORD_SRP → PASSWORD_VERIFIER', async () => {
    const c = await start({});
    const sms = await respond('SELECT_CHALLENGE', c.Session, { ANSWER: 'SMS_OTP' });
    assert.equal(sms.ChallengeName, 'SMS_OTP');
    assert.equal(sms.ChallengeParameters?.CODE_DELIVERY_DESTINATION, '+*******0166');
    const done = await respond('SMS_OTP', sms.Session, { SMS_OTP_CODE: lastCode('uma').code });
    assert.ok(done.AuthenticationResult?.IdToken);

    const s = await start({});
    const attempt = new SrpAttempt(poolId);
    const v = await respond('SELECT_CHALLENGE', s.Session, { ANSWER: 'PASSWORD_SRP', SRP_A: await attempt.srpA() });
    assert.equal(v.ChallengeName, 'PASSWORD_VERIFIER');
    const params = v.ChallengeParameters as Record<string, string>;
    const ok = await respond('PASSWORD_VERIFIER', undefined, await attempt.answer(params, PASSWORD, srpTimestamp(server.clock.now())));
    assert.ok(ok.AuthenticationResult?.AccessToken);
  });

  it('MFA follows a password, not a one-time code; AdminInitiateAuth takes USER_AUTH too', async () => {
    await idp.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: SMS } }),
    );
    await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'uma', SMSMfaSettings: { Enabled: true } }));
    const pw = await start({ PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    assert.equal(pw.ChallengeName, 'SMS_MFA');
    const otp = await idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: 'uma', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }),
    );
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    const done = await respond('EMAIL_OTP', otp.Session, { EMAIL_OTP_CODE: lastCode('uma').code });
    assert.ok(done.AuthenticationResult?.AccessToken, 'no MFA after a passwordless code');
    await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'uma', SMSMfaSettings: { Enabled: false } }));
  });

  it('sign-up without a password, confirmed from the outbox, signs in with EMAIL_OTP', async () => {
    const su = await idp.send(
      new SignUpCommand({ ClientId: clientId, Username: 'nopass', UserAttributes: [{ Name: 'email', Value: 'nopass@example.com' }] }),
    );
    assert.equal(su.UserConfirmed, false);
    const code = server.app.outbox
      .recent()
      .filter((x) => x.username === 'nopass' && x.kind === 'signup-code')
      .pop();
    assert.ok(code);
    await idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'nopass', ConfirmationCode: code.code }));
    const c = await idp.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'nopass' } }),
    );
    assert.deepEqual(c.AvailableChallenges, ['EMAIL_OTP'], 'no password: no PASSWORD factors');
    const otp = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'nopass', ANSWER: 'EMAIL_OTP' },
      }),
    );
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: otp.Session,
        ChallengeResponses: { USERNAME: 'nopass', EMAIL_OTP_CODE: lastCode('nopass').code },
      }),
    );
    const me = await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult?.AccessToken }));
    assert.equal(me.Username, 'nopass');
  });

  it('refusals: USER_AUTH not allowed by the client; a password still needed where the pool has no passwordless factor; pool rules', async () => {
    const other = (await createClient(idp, poolId)).ClientId;
    await refused(
      idp.send(new InitiateAuthCommand({ ClientId: other, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma' } })),
      'InvalidParameterException',
      'USER_AUTH is not enabled for the client.',
    );
    const plain = (await idp.send(new CreateUserPoolCommand({ PoolName: 'plain' }))).UserPool?.Id as string;
    const pc = (await createClient(idp, plain)).ClientId;
    await refused(idp.send(new SignUpCommand({ ClientId: pc, Username: 'x' })), 'InvalidParameterException', /password/);
    await refused(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: plain, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['EMAIL_OTP'] } } })),
      'InvalidParameterException',
      'AllowedFirstAuthFactors must include PASSWORD.',
    );
    await refused(
      idp.send(
        new CreateUserPoolCommand({
          PoolName: 'lite',
          UserPoolTier: 'LITE',
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
        }),
      ),
      'FeatureUnavailableInTierException',
    );
    await refused(
      idp.send(
        new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS } }),
      ),
      'InvalidParameterException',
      /MfaConfiguration is ON/,
    );
  });
});
