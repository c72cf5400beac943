/**
 * SMS and e-mail second factors with the AWS SDK v3: SMS_MFA and EMAIL_OTP codes delivered to the outbox
 * with masked CodeDeliveryDetails, SELECT_MFA_TYPE when a user has several factors and no preference, the
 * preferred factor otherwise, SMS under ON for a user with only a phone number, wrong and replayed codes,
 * AdminInitiateAuth / AdminRespondToAuthChallenge, and the legacy SetUserSettings / AdminSetUserSettings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  type ChallengeNameType,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminSetUserSettingsCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, PASSWORD } from '../helpers/fixtures.ts';
import { refused } from '../helpers/refused.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' };

describe('MFA: SMS and e-mail codes, SELECT_MFA_TYPE (SDK v3)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp, 'codes');
    clientId = (await createClient(idp, poolId)).ClientId;
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}', SmsConfiguration: SMS },
        EmailMfaConfiguration: { Message: 'Sign-in code: {####}', Subject: 'Your code' },
      }),
    );
  });
  after(() => server.stop());

  async function user(username: string, attrs: Record<string, string>) {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  }

  function lastCode(username: string): string {
    const m = server.app.outbox
      .recent()
      .filter((x) => x.username === username && x.kind === 'mfa-code')
      .pop();
    assert.ok(m, `no MFA code for ${username}`);
    return m.code;
  }

  const start = (username: string) =>
    idp.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
    );
  const respond = (ChallengeName: ChallengeNameType, Session: string | undefined, ChallengeResponses: Record<string, string>) =>
    idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses }));

  it('GetUserPoolMfaConfig shows the SMS and e-mail settings', async () => {
    const c = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(c.MfaConfiguration, 'OPTIONAL');
    assert.deepEqual(c.SmsMfaConfiguration, { SmsAuthenticationMessage: 'Your code is {####}', SmsConfiguration: SMS });
    assert.deepEqual(c.EmailMfaConfiguration, { Message: 'Sign-in code: {####}', Subject: 'Your code' });
    await refused(
      idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, EmailMfaConfiguration: { Message: 'no placeholder' } })),
      'InvalidParameterException',
      /emailMfaConfiguration.message/,
    );
  });

  it('OPTIONAL with no factor turned on: tokens straight away', async () => {
    await user('plain', { email: 'plain@example.com', phone_number: '+15555550100' });
    const r = await start('plain');
    assert.ok(r.AuthenticationResult?.AccessToken);
  });

  it('SMS_MFA: code to the outbox, masked destination; a wrong code is CodeMismatchException; the right one signs in once', async () => {
    await user('sam', { phone_number: '+15555550123' });
    await refused(
      idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'sam', EmailMfaSettings: { Enabled: true } })),
      'InvalidParameterException',
      'User does not have delivery config set to turn on EMAIL_OTP',
    );
    await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'sam', SMSMfaSettings: { Enabled: true } }));
    const a = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sam' }));
    assert.deepEqual(a.UserMFASettingList, ['SMS_MFA']);
    assert.deepEqual(a.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    const c = await start('sam');
    assert.equal(c.ChallengeName, 'SMS_MFA');
    assert.deepEqual(c.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123' });
    const m = server.app.outbox.recent().pop();
    assert.equal(m?.medium, 'SMS');
    assert.equal(m?.destination, '+15555550123');
    const code = lastCode('sam');
    await refused(
      respond('SMS_MFA', c.Session, { USERNAME: 'sam', SMS_MFA_CODE: code === '000000' ? '000001' : '000000' }),
      'CodeMismatchException',
    );
    await refused(respond('EMAIL_OTP', c.Session, { USERNAME: 'sam', EMAIL_OTP_CODE: code }), 'InvalidParameterException');
    const ok = await respond('SMS_MFA', c.Session, { USERNAME: 'sam', SMS_MFA_CODE: code });
    assert.ok(ok.AuthenticationResult?.AccessToken);
    await refused(respond('SMS_MFA', c.Session, { USERNAME: 'sam', SMS_MFA_CODE: code }), 'NotAuthorizedException');
    // A code belongs to its session: the next sign-in gets a new one and the old one does not answer it.
    const next = await start('sam');
    assert.notEqual(lastCode('sam'), undefined);
    if (lastCode('sam') !== code)
      await refused(respond('SMS_MFA', next.Session, { USERNAME: 'sam', SMS_MFA_CODE: code }), 'CodeMismatchException');
  });

  it('two factors and no preference: SELECT_MFA_TYPE, then the chosen one (EMAIL_OTP)', async () => {
    await user('eve', { email: 'eve@example.com', phone_number: '+15555550199' });
    await idp.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'eve',
        SMSMfaSettings: { Enabled: true },
        EmailMfaSettings: { Enabled: true },
      }),
    );
    const c = await start('eve');
    assert.equal(c.ChallengeName, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(c.ChallengeParameters?.MFAS_CAN_CHOOSE ?? ''), ['SMS_MFA', 'EMAIL_OTP']);
    await refused(respond('SELECT_MFA_TYPE', c.Session, { USERNAME: 'eve', ANSWER: 'SOFTWARE_TOKEN_MFA' }), 'InvalidParameterException');
    const chosen = await respond('SELECT_MFA_TYPE', c.Session, { USERNAME: 'eve', ANSWER: 'EMAIL_OTP' });
    assert.equal(chosen.ChallengeName, 'EMAIL_OTP');
    assert.deepEqual(chosen.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'e***@e***' });
    const done = await respond('EMAIL_OTP', chosen.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: lastCode('eve') });
    assert.ok(done.AuthenticationResult?.AccessToken);
    // With a preference, the preferred factor directly.
    await idp.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'eve',
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    assert.equal((await start('eve')).ChallengeName, 'EMAIL_OTP');
    const me = await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult?.AccessToken }));
    assert.deepEqual(me.UserMFASettingList, ['SMS_MFA', 'EMAIL_OTP']);
    assert.equal(me.PreferredMfaSetting, 'EMAIL_OTP');
  });

  it('AdminInitiateAuth → SMS_MFA → AdminRespondToAuthChallenge', async () => {
    await user('ada', { phone_number: '+15555550777' });
    await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'ada', SMSMfaSettings: { Enabled: true } }));
    const c = await idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada', PASSWORD },
      }),
    );
    assert.equal(c.ChallengeName, 'SMS_MFA');
    const done = await idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'SMS_MFA',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'ada', SMS_MFA_CODE: lastCode('ada') },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('legacy SetUserSettings / AdminSetUserSettings turn SMS MFA on and off', async () => {
    await user('leg', { phone_number: '+15555550555' });
    const s = await start('leg');
    const token = s.AuthenticationResult?.AccessToken as string;
    await idp.send(
      new SetUserSettingsCommand({ AccessToken: token, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }),
    );
    assert.deepEqual((await idp.send(new GetUserCommand({ AccessToken: token }))).UserMFASettingList, ['SMS_MFA']);
    assert.equal((await start('leg')).ChallengeName, 'SMS_MFA');
    await idp.send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'leg', MFAOptions: [] }));
    const after = await idp.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(after.UserMFASettingList, undefined);
    assert.equal(after.MFAOptions, undefined);
    assert.ok((await start('leg')).AuthenticationResult);
  });

  it('ON with SMS: a user with a phone number and no factor gets SMS_MFA; pools cannot require MFA with no factor', async () => {
    const onPool = (await idp.send(new CreateUserPoolCommand({ PoolName: 'sms-on', MfaConfiguration: 'ON', SmsConfiguration: SMS })))
      .UserPool?.Id as string;
    const c = (await createClient(idp, onPool)).ClientId;
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: onPool,
        Username: 'pat',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'phone_number', Value: '+15555550888' }],
      }),
    );
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: onPool, Username: 'pat', Password: PASSWORD, Permanent: true }));
    const r = await idp.send(
      new InitiateAuthCommand({ ClientId: c, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pat', PASSWORD } }),
    );
    assert.equal(r.ChallengeName, 'SMS_MFA');
    await refused(
      idp.send(new CreateUserPoolCommand({ PoolName: 'bad', MfaConfiguration: 'ON' })),
      'InvalidParameterException',
      /MFA factor/,
    );
    await refused(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: onPool, MfaConfiguration: 'ON' })),
      'InvalidParameterException',
      /MFA factor/,
    );
  });
});
