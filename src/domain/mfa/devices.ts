/**
 * Device tracking (the pool's DeviceConfiguration). A sign-in that ends without a known device creates
 * one and answers NewDeviceMetadata; ConfirmDevice stores the device's SRP verifier; a confirmed device
 * proves itself with DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER, and a remembered one skips MFA when
 * ChallengeRequiredOnNewDevice is true (otherwise MFA still follows, as Cognito documents). Every
 * grant issued to a device records it: its access tokens carry `device_key`.
 *
 * What ends what (Cognito's rules as implemented here):
 * - ForgetDevice / AdminForgetDevice delete the device: it no longer skips MFA and DEVICE_KEY naming it
 *   starts a new device. Tokens already issued stay valid until they expire or are revoked.
 * - GlobalSignOut / AdminUserGlobalSignOut (and RevokeToken) end grants, not devices: a remembered
 *   device still skips MFA at the next sign-in, which needs the password again.
 * - Deleting the user or the pool removes its devices.
 */
import { NotAuthorizedException, ResourceNotFoundException } from '../../protocol/errors.ts';
import type { DeviceRecord } from '../../store/port-mfa.ts';
import type { App } from '../app.ts';
import { epochSeconds } from '../user-pools.ts';
import { randomString, uuid } from '../ids.ts';
import { completeSignIn, type SignInOptions } from '../auth.ts';
import type { ClientRecord, GrantRecord, PoolRecord, UserRecord } from '../types.ts';

export interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice?: boolean;
  DeviceOnlyRememberedOnUserPrompt?: boolean;
}

/** The pool's device tracking settings, when it tracks devices. */
export function deviceConfiguration(pool: PoolRecord): DeviceConfiguration | undefined {
  return pool.config.DeviceConfiguration as DeviceConfiguration | undefined;
}

/** The user's confirmed device named by DEVICE_KEY, if the pool tracks devices and there is one. */
export async function knownDevice(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string | undefined,
): Promise<DeviceRecord | undefined> {
  if (!deviceKey || !deviceConfiguration(pool)) return undefined;
  const d = await app.store.mfa.getDevice(pool.id, deviceKey);
  return d && d.sub === user.sub && d.verifier ? d : undefined;
}

/**
 * Finishes a sign-in (domain/auth completeSignIn: triggers, grant, tokens). With `device` (a device that
 * proved itself) the grant is that device's; otherwise, when the pool tracks devices, a new device is made
 * and announced in NewDeviceMetadata for the client to confirm.
 */
export async function finishSignIn(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  device?: DeviceRecord,
  signIn: SignInOptions = {},
): Promise<Record<string, unknown>> {
  const now = app.now();
  const fresh: DeviceRecord | undefined =
    !device && deviceConfiguration(pool)
      ? {
          poolId: pool.id,
          deviceKey: `${app.config.region}_${uuid()}`,
          deviceGroupKey: `-${randomString(8)}`,
          sub: user.sub,
          remembered: false,
          createdAt: now,
          lastModifiedAt: now,
        }
      : undefined;
  const deviceKey = device?.deviceKey ?? fresh?.deviceKey;
  const result = await completeSignIn(app, pool, client, user, { ...signIn, ...(deviceKey ? { deviceKey } : {}) });
  if (fresh) {
    await app.store.mfa.putDevice(fresh);
    return {
      ChallengeParameters: {},
      AuthenticationResult: { ...result, NewDeviceMetadata: { DeviceKey: fresh.deviceKey, DeviceGroupKey: fresh.deviceGroupKey } },
    };
  }
  if (device) await app.store.mfa.putDevice({ ...device, lastAuthenticatedAt: now });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/**
 * The `device_key` claim of a grant issued to a device. A refresh that names a device (DEVICE_KEY,
 * DeviceKey) must name the grant's own.
 */
export async function grantDeviceClaims(app: App, grant: GrantRecord, presented: string | undefined): Promise<Record<string, unknown>> {
  const deviceKey = await app.store.mfa.deviceOfGrant(grant.id);
  if (presented !== undefined && presented !== deviceKey) throw new NotAuthorizedException('Invalid Refresh Token');
  return deviceKey ? { device_key: deviceKey } : {};
}

/** A device of this user, or ResourceNotFoundException. */
export async function requireDevice(app: App, poolId: string, sub: string, deviceKey: string): Promise<DeviceRecord> {
  const d = await app.store.mfa.getDevice(poolId, deviceKey);
  if (!d || d.sub !== sub) throw new ResourceNotFoundException('Device does not exist.');
  return d;
}

/** DeviceType as GetDevice and ListDevices answer. */
export function deviceShape(d: DeviceRecord): Record<string, unknown> {
  return {
    DeviceKey: d.deviceKey,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      ...(d.name !== undefined ? [{ Name: 'device_name', Value: d.name }] : []),
      { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
    ],
    DeviceCreateDate: epochSeconds(d.createdAt),
    DeviceLastModifiedDate: epochSeconds(d.lastModifiedAt),
    ...(d.lastAuthenticatedAt !== undefined ? { DeviceLastAuthenticatedDate: epochSeconds(d.lastAuthenticatedAt) } : {}),
  };
}
