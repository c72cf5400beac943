/**
 * Remembered devices with the AWS SDK v3 (device maths from amazon-cognito-identity-js's own
 * AuthenticationHelper): NewDeviceMetadata after sign-in, ConfirmDevice with the device's SRP verifier,
 * DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER skipping TOTP for a remembered device, the `device_key`
 * claim, refresh with DEVICE_KEY, UpdateDeviceStatus / GetDevice / ListDevices / ForgetDevice and their
 * Admin* versions, and what global sign-out ends (grants) and keeps (remembered devices).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateDeviceStatusCommand,
  UpdateUserPoolCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, PASSWORD } from '../helpers/fixtures.ts';
import { followServerClock } from '../helpers/sdk-clock.ts';
import { refused } from '../helpers/refused.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { totp } from '../helpers/totp.ts';
import { SrpAttempt, srpTimestamp, untyped } from './srp-client.ts';

interface DeviceHelper {
  generateHashDevice(groupKey: string, deviceKey: string, cb: (e: Error | null) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}

/** A device as a client keeps it: its keys and the random password behind its verifier. */
interface ClientDevice {
  key: string;
  group: string;
  password: string;
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

describe('remembered devices (SDK v3)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  let secret: string;
  const now = () => server.clock.now();

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    followServerClock(server, idp);
    poolId = await createPool(idp, 'devices', {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    clientId = (await createClient(idp, poolId)).ClientId;
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await createUser(idp, poolId, 'dora');
    // TOTP on for dora (the first sign-in also makes a device, left unconfirmed).
    const first = await passwordSignIn();
    const token = (first.AuthenticationResult as AuthenticationResultType).AccessToken as string;
    secret = (await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).SecretCode as string;
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totp(secret, now()) }));
    await idp.send(
      new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
  });
  after(() => server.stop());

  function passwordSignIn(deviceKey?: string) {
    return idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'dora', PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
      }),
    );
  }

  async function totpSignIn(deviceKey?: string): Promise<AuthenticationResultType> {
    server.clock.advance(30_000);
    const c = await passwordSignIn(deviceKey);
    assert.equal(c.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const r = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: c.Session,
        ChallengeResponses: {
          USERNAME: 'dora',
          SOFTWARE_TOKEN_MFA_CODE: totp(secret, now()),
          ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        },
      }),
    );
    return r.AuthenticationResult as AuthenticationResultType;
  }

  /** ConfirmDevice as amazon-cognito-identity-js does it: a random password and its verifier. */
  async function confirm(
    result: AuthenticationResultType,
    name: string,
  ): Promise<{ device: ClientDevice; necessary: boolean | undefined }> {
    const meta = result.NewDeviceMetadata;
    assert.ok(meta?.DeviceKey && meta.DeviceGroupKey, 'NewDeviceMetadata');
    const helper = new (untyped.AuthenticationHelper as unknown as new (p: string) => DeviceHelper)(poolId.split('_')[1] ?? '');
    await new Promise<void>((res, rej) =>
      helper.generateHashDevice(meta.DeviceGroupKey as string, meta.DeviceKey as string, (e) => (e ? rej(e) : res())),
    );
    const r = await idp.send(
      new ConfirmDeviceCommand({
        AccessToken: result.AccessToken,
        DeviceKey: meta.DeviceKey,
        DeviceName: name,
        DeviceSecretVerifierConfig: {
          Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
          PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
        },
      }),
    );
    return {
      device: { key: meta.DeviceKey, group: meta.DeviceGroupKey, password: helper.getRandomPassword() },
      necessary: r.UserConfirmationNecessary,
    };
  }

  /** Password, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER with the device's secret. */
  async function deviceSignIn(device: ClientDevice, password = device.password) {
    const c = await passwordSignIn(device.key);
    assert.equal(c.ChallengeName, 'DEVICE_SRP_AUTH');
    const srp = new SrpAttempt(`x_${device.group}`); // the device group key plays the pool name
    const verifier = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: c.Session,
        ChallengeResponses: { USERNAME: 'dora', DEVICE_KEY: device.key, SRP_A: await srp.srpA() },
      }),
    );
    assert.equal(verifier.ChallengeName, 'DEVICE_PASSWORD_VERIFIER');
    const params = verifier.ChallengeParameters as Record<string, string>;
    assert.equal(params.DEVICE_KEY, device.key);
    const answer = await srp.answer(params, password, srpTimestamp(now()), device.key);
    return idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: { ...answer, USERNAME: 'dora', DEVICE_KEY: device.key },
      }),
    );
  }

  it('a remembered device skips TOTP; its tokens carry device_key; refresh names the device; global sign-out keeps the device', async () => {
    const signedIn = await totpSignIn();
    const { device, necessary } = await confirm(signedIn, 'Laptop');
    assert.equal(necessary, true, 'DeviceOnlyRememberedOnUserPrompt: the user must choose');
    assert.equal(claims(signedIn.AccessToken as string).device_key, device.key);

    // Confirmed but not remembered: device authentication, then TOTP still.
    const notYet = await deviceSignIn(device);
    assert.equal(notYet.ChallengeName, 'SOFTWARE_TOKEN_MFA');

    await idp.send(
      new UpdateDeviceStatusCommand({ AccessToken: signedIn.AccessToken, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }),
    );
    const got = await idp.send(new GetDeviceCommand({ AccessToken: signedIn.AccessToken, DeviceKey: device.key }));
    assert.deepEqual(got.Device?.DeviceAttributes, [
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: 'Laptop' },
      { Name: 'dev:device_remembered_status', Value: 'remembered' },
    ]);

    const started = performance.now();
    const skipped = await deviceSignIn(device);
    const ms = performance.now() - started;
    assert.equal(skipped.ChallengeName, undefined, 'no MFA for a remembered device');
    const tokens = skipped.AuthenticationResult as AuthenticationResultType;
    assert.equal(tokens.NewDeviceMetadata, undefined);
    assert.equal(claims(tokens.AccessToken as string).device_key, device.key);
    assert.ok(ms < 10_000);

    // A wrong device secret is refused like a wrong password.
    await refused(deviceSignIn(device, 'not-the-device-password'), 'NotAuthorizedException', 'Incorrect username or password.');

    // Refresh: the device is named, and must be the grant's own.
    const refreshed = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string, DEVICE_KEY: device.key },
      }),
    );
    assert.equal(claims(refreshed.AuthenticationResult?.AccessToken as string).device_key, device.key);
    await refused(
      idp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string, DEVICE_KEY: 'us-east-1_not-this-one' },
        }),
      ),
      'NotAuthorizedException',
      'Invalid Refresh Token',
    );

    // Global sign-out ends every grant but not the remembered device.
    await idp.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    await refused(
      idp.send(new GetUserCommand({ AccessToken: tokens.AccessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
    await refused(
      idp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string },
        }),
      ),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    const back = await deviceSignIn(device);
    assert.ok(back.AuthenticationResult?.AccessToken, 'the device is still remembered after global sign-out');
  });

  it('ListDevices pages; Admin* read, change and forget; a forgotten device no longer skips MFA', async () => {
    const a = await confirm(await totpSignIn(), 'Phone');
    const b = await confirm(await totpSignIn(), 'Tablet');
    const token = (await totpSignIn()).AccessToken;
    const all: (string | undefined)[] = [];
    let next: string | undefined;
    do {
      const page = await idp.send(new ListDevicesCommand({ AccessToken: token, Limit: 2, PaginationToken: next }));
      assert.ok((page.Devices?.length ?? 0) <= 2);
      all.push(...(page.Devices ?? []).map((d) => d.DeviceKey));
      next = page.PaginationToken;
    } while (next);
    assert.equal(new Set(all).size, all.length, 'no device twice across pages');
    assert.ok(all.includes(a.device.key) && all.includes(b.device.key));
    const adminAll = await idp.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'dora' }));
    assert.equal(adminAll.Devices?.length, all.length);

    await idp.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: poolId,
        Username: 'dora',
        DeviceKey: b.device.key,
        DeviceRememberedStatus: 'remembered',
      }),
    );
    const adminGot = await idp.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'dora', DeviceKey: b.device.key }));
    assert.ok(adminGot.Device?.DeviceAttributes?.some((x) => x.Name === 'dev:device_remembered_status' && x.Value === 'remembered'));
    assert.ok((await deviceSignIn(b.device)).AuthenticationResult, 'remembered by the administrator: MFA skipped');

    await idp.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'dora', DeviceKey: b.device.key }));
    await refused(
      idp.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: b.device.key })),
      'ResourceNotFoundException',
      'Device does not exist.',
    );
    // DEVICE_KEY of a forgotten device: a new device and MFA again.
    const again = await passwordSignIn(b.device.key);
    assert.equal(again.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    await idp.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: a.device.key }));
    await refused(idp.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: a.device.key })), 'ResourceNotFoundException');
  });

  it('without DeviceConfiguration no device is made; UpdateUserPool can turn tracking on', async () => {
    const plainPool = await createPool(idp, 'no-devices');
    const c = (await createClient(idp, plainPool)).ClientId;
    await createUser(idp, plainPool, 'pete');
    const r = await idp.send(
      new InitiateAuthCommand({ ClientId: c, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pete', PASSWORD } }),
    );
    assert.equal(r.AuthenticationResult?.NewDeviceMetadata, undefined);
    assert.equal(claims(r.AuthenticationResult?.AccessToken as string).device_key, undefined);
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: plainPool, DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: false } }));
    const t = await idp.send(
      new InitiateAuthCommand({ ClientId: c, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pete', PASSWORD } }),
    );
    assert.ok(t.AuthenticationResult?.NewDeviceMetadata?.DeviceKey);
  });
});
