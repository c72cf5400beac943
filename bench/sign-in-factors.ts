/**
 * Sign-in latency per factor, next to password sign-in: the summed wall time of a sign-in's requests
 * (a bare fetch over loopback to the in-process server, so mostly server time), excluding what the
 * client computes between them (SRP maths, reading a code). Rounds are interleaved across factors and
 * the median is kept, so a busy machine skews every factor alike.
 *
 *   node --import tsx bench/sign-in-factors.ts [rounds=40]
 */
import {
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, PASSWORD, signIn } from '../test/helpers/fixtures.ts';
import { followServerClock } from '../test/helpers/sdk-clock.ts';
import { idpClient, startTestServer } from '../test/helpers/server.ts';
import { totp } from '../test/helpers/totp.ts';
import { SrpAttempt, srpTimestamp, untyped } from '../test/integration/srp-client.ts';

const rounds = Number(process.argv[2] ?? 40);
const server = await startTestServer();
let spent = 0;

// biome-ignore lint/suspicious/noExplicitAny: wire responses are read field by field below
type Json = Record<string, any>;

/** One timed request; its time counts towards the current sign-in. */
async function call(target: string, body: unknown): Promise<Json> {
  const t = performance.now();
  const r = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  const json = (await r.json()) as Json;
  spent += performance.now() - t;
  if (!r.ok) throw new Error(`${target}: ${json.__type}: ${json.message}`);
  return json;
}

try {
  const idp = idpClient(server);
  followServerClock(server, idp);
  const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' };
  const poolId = await createPool(idp, 'factors', {
    SmsConfiguration: SMS,
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
  });
  const ClientId = (
    await createClient(idp, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).ClientId;
  await idp.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: SMS },
    }),
  );
  for (const u of ['plain', 'totp', 'sms', 'device']) await createUser(idp, poolId, u);
  // totp and device: TOTP on; sms: SMS on (a phone number first).
  const secrets: Record<string, string> = {};
  for (const u of ['totp', 'device']) {
    const { accessToken } = await signIn(idp, ClientId, u);
    secrets[u] = (await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }))).SecretCode as string;
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp(secrets[u] as string, server.clock.now()) }));
    await idp.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: u,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
  }
  await idp.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: poolId,
      Username: 'sms',
      UserAttributes: [
        { Name: 'phone_number', Value: '+15555550100' },
        { Name: 'phone_number_verified', Value: 'true' },
      ],
    }),
  );
  await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'sms', SMSMfaSettings: { Enabled: true } }));

  // The remembered device: tracked from now on, confirmed with its verifier and remembered.
  await idp.send(
    new UpdateUserPoolCommand({
      UserPoolId: poolId,
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      MfaConfiguration: 'OPTIONAL',
      SmsConfiguration: SMS,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    }),
  );
  server.clock.advance(30_000);
  const first = await call('InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'device', PASSWORD } });
  const done = await call('RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session: first.Session,
    ChallengeResponses: { USERNAME: 'device', SOFTWARE_TOKEN_MFA_CODE: totp(secrets.device as string, server.clock.now()) },
  });
  const meta = done.AuthenticationResult.NewDeviceMetadata as { DeviceKey: string; DeviceGroupKey: string };
  type Helper = {
    generateHashDevice(g: string, k: string, cb: (e: Error | null) => void): void;
    getSaltDevices(): string;
    getVerifierDevices(): string;
    getRandomPassword(): string;
  };
  const helper = new (untyped.AuthenticationHelper as unknown as new (p: string) => Helper)('x');
  await new Promise<void>((res, rej) => helper.generateHashDevice(meta.DeviceGroupKey, meta.DeviceKey, (e) => (e ? rej(e) : res())));
  await call('ConfirmDevice', {
    AccessToken: done.AuthenticationResult.AccessToken,
    DeviceKey: meta.DeviceKey,
    DeviceSecretVerifierConfig: {
      Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
    },
  });
  const devicePassword = helper.getRandomPassword();
  // Every sign-in in this pool now also makes (or proves) a device: part of each factor's cost here.

  const outboxCode = (username: string) =>
    server.app.outbox
      .recent()
      .filter((m) => m.username === username && m.kind === 'mfa-code')
      .pop()?.code as string;

  const factors: Record<string, () => Promise<void>> = {
    'password (USER_PASSWORD_AUTH)': async () => {
      await call('InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'plain', PASSWORD } });
    },
    'SRP (USER_SRP_AUTH)': async () => {
      const a = new SrpAttempt(poolId);
      const c = await call('InitiateAuth', {
        ClientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'plain', SRP_A: await a.srpA() },
      });
      const before = spent;
      const answer = await a.answer(c.ChallengeParameters, PASSWORD, srpTimestamp(server.clock.now()));
      spent = before;
      await call('RespondToAuthChallenge', { ClientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer });
    },
    'password + TOTP': async () => {
      const c = await call('InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'totp', PASSWORD } });
      await call('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'totp', SOFTWARE_TOKEN_MFA_CODE: totp(secrets.totp as string, server.clock.now()) },
      });
    },
    'password + SMS code': async () => {
      const c = await call('InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sms', PASSWORD } });
      await call('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'SMS_MFA',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'sms', SMS_MFA_CODE: outboxCode('sms') },
      });
    },
    'e-mail code, passwordless (USER_AUTH EMAIL_OTP)': async () => {
      const c = await call('InitiateAuth', {
        ClientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: 'plain', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      });
      await call('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'EMAIL_OTP',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'plain', EMAIL_OTP_CODE: outboxCode('plain') },
      });
    },
    'password + remembered device (TOTP skipped)': async () => {
      const c = await call('InitiateAuth', {
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'device', PASSWORD, DEVICE_KEY: meta.DeviceKey },
      });
      const a = new SrpAttempt(`x_${meta.DeviceGroupKey}`);
      const before = spent;
      const srpA = await a.srpA();
      spent = before;
      const v = await call('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'device', DEVICE_KEY: meta.DeviceKey, SRP_A: srpA },
      });
      const mark = spent;
      const answer = await a.answer(v.ChallengeParameters, devicePassword, srpTimestamp(server.clock.now()), meta.DeviceKey);
      spent = mark;
      const r = await call('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: v.Session,
        ChallengeResponses: { ...answer, USERNAME: 'device', DEVICE_KEY: meta.DeviceKey },
      });
      if (!r.AuthenticationResult) throw new Error('the remembered device did not skip MFA');
    },
  };
  // 'plain' has a verified e-mail address (createUser), so it can use EMAIL_OTP.
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(factors).map((k) => [k, []]));
  for (let i = 0; i < rounds + 3; i++) {
    server.clock.advance(30_000); // a fresh TOTP step each round
    for (const [name, run] of Object.entries(factors)) {
      spent = 0;
      await run();
      if (i >= 3) samples[name]?.push(spent); // three warm-up rounds
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const base = median(samples['password (USER_PASSWORD_AUTH)'] ?? []);
  console.log(`sign-in latency per factor, median of ${rounds} interleaved rounds (ms, summed request time)`);
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    console.log(`${name.padEnd(48)} ${m.toFixed(2).padStart(8)}  ${(m / base).toFixed(2)}x password`);
  }
} finally {
  await server.stop();
}
