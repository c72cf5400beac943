/**
 * Sign-in with a tracked device, as amazon-cognito-identity-js does it (its AuthenticationHelper does the
 * device maths) with the SDK v3 on the wire: ConfirmDevice with a random password's verifier, then
 * DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER after the password.
 */
import assert from 'node:assert/strict';
import {
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SrpAttempt, srpTimestamp, untyped } from '../integration/srp-client.ts';
import { PASSWORD } from './fixtures.ts';

interface DeviceHelper {
  generateHashDevice(groupKey: string, deviceKey: string, cb: (e: Error | null) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}

/** A device as a client keeps it: its keys and the random password behind its verifier. */
export interface ClientDevice {
  key: string;
  group: string;
  password: string;
}

/** The device sign-in steps against the server `idp()` talks to, whose clock `now()` reads (SRP timestamps). */
export function deviceSignIns(idp: () => CognitoIdentityProviderClient, now: () => number) {
  /** USER_PASSWORD_AUTH, naming a device when given. */
  function passwordSignIn(clientId: string, USERNAME: string, deviceKey?: string) {
    return idp().send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
      }),
    );
  }

  /** ConfirmDevice as amazon-cognito-identity-js does it: a random password and its verifier. */
  async function confirmDevice(poolId: string, signedIn: AuthenticationResultType): Promise<ClientDevice> {
    const meta = signedIn.NewDeviceMetadata;
    assert.ok(meta?.DeviceKey && meta.DeviceGroupKey, 'NewDeviceMetadata');
    const helper = new (untyped.AuthenticationHelper as unknown as new (p: string) => DeviceHelper)(poolId.split('_')[1] ?? '');
    await new Promise<void>((res, rej) =>
      helper.generateHashDevice(meta.DeviceGroupKey as string, meta.DeviceKey as string, (e) => (e ? rej(e) : res())),
    );
    await idp().send(
      new ConfirmDeviceCommand({
        AccessToken: signedIn.AccessToken,
        DeviceKey: meta.DeviceKey,
        DeviceName: 'Laptop',
        DeviceSecretVerifierConfig: {
          Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
          PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
        },
      }),
    );
    return { key: meta.DeviceKey, group: meta.DeviceGroupKey, password: helper.getRandomPassword() };
  }

  /** Password, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER with the device's secret. */
  async function deviceSignIn(clientId: string, USERNAME: string, device: ClientDevice) {
    const c = await passwordSignIn(clientId, USERNAME, device.key);
    assert.equal(c.ChallengeName, 'DEVICE_SRP_AUTH');
    const srp = new SrpAttempt(`x_${device.group}`); // the device group key plays the pool name
    const verifier = await idp().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: c.Session,
        ChallengeResponses: { USERNAME, DEVICE_KEY: device.key, SRP_A: await srp.srpA() },
      }),
    );
    assert.equal(verifier.ChallengeName, 'DEVICE_PASSWORD_VERIFIER');
    const answer = await srp.answer(
      verifier.ChallengeParameters as Record<string, string>,
      device.password,
      srpTimestamp(now()),
      device.key,
    );
    return idp().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: { ...answer, USERNAME, DEVICE_KEY: device.key },
      }),
    );
  }

  return { passwordSignIn, confirmDevice, deviceSignIn };
}
