/**
 * What a user (or an administrator) does with tracked devices: confirm one with its SRP verifier
 * (ConfirmDevice), remember or stop remembering it (UpdateDeviceStatus), read (GetDevice), list
 * (ListDevices) and forget (ForgetDevice). The Admin* operations reach the same functions.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { DeviceRecord } from '../../store/port-mfa.ts';
import type { App } from '../app.ts';
import { decodePageToken, encodePageToken } from '../pagination.ts';
import type { PoolRecord, UserRecord } from '../types.ts';
import { deviceConfiguration, deviceShape, requireDevice } from './devices.ts';

/** A base64 value of ConfirmDevice as the hex the SRP code works in, or InvalidParameterException. */
function base64Hex(value: string | undefined, name: string): string {
  const bytes = value !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (bytes.length === 0) throw new InvalidParameterException(`DeviceSecretVerifierConfig.${name} must be a non-empty base64 value.`);
  return bytes.toString('hex');
}

/**
 * ConfirmDevice: stores the device's verifier and name. The device is remembered at once unless the
 * pool remembers devices only when the user says so (DeviceOnlyRememberedOnUserPrompt), which is what
 * UserConfirmationNecessary tells the client.
 */
export async function confirmDevice(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
  config: { PasswordVerifier?: string; Salt?: string } | undefined,
  name: string | undefined,
): Promise<{ UserConfirmationNecessary: boolean }> {
  const device = await requireDevice(app, pool.id, user.sub, deviceKey);
  if (device.verifier) throw new InvalidParameterException(`Device ${deviceKey} is already confirmed.`);
  const verifier = base64Hex(config?.PasswordVerifier, 'PasswordVerifier');
  const salt = base64Hex(config?.Salt, 'Salt');
  const onPrompt = deviceConfiguration(pool)?.DeviceOnlyRememberedOnUserPrompt === true;
  await app.store.mfa.putDevice({
    ...device,
    verifier,
    salt,
    ...(name !== undefined ? { name } : {}),
    remembered: !onPrompt,
    lastModifiedAt: app.now(),
  });
  return { UserConfirmationNecessary: onPrompt };
}

/** UpdateDeviceStatus: remembered devices skip MFA; not_remembered ones do not. */
export async function updateDeviceStatus(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
  status: string | undefined,
): Promise<void> {
  if (status !== 'remembered' && status !== 'not_remembered') {
    throw new InvalidParameterException('DeviceRememberedStatus must be remembered or not_remembered.');
  }
  const device = await requireDevice(app, pool.id, user.sub, deviceKey);
  await app.store.mfa.putDevice({ ...device, remembered: status === 'remembered', lastModifiedAt: app.now() });
}

export async function getDevice(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
): Promise<{ Device: Record<string, unknown> }> {
  return { Device: deviceShape(await requireDevice(app, pool.id, user.sub, deviceKey)) };
}

/** ListDevices: the user's devices, Limit (60 by default) at a time, with a sealed PaginationToken. */
export async function listDevices(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  limit: number | undefined,
  token: string | undefined,
): Promise<{ Devices: Record<string, unknown>[]; PaginationToken?: string }> {
  const scope = `devices:${pool.id}:${user.sub}`;
  const after = decodePageToken(app, scope, token);
  const page = await app.store.mfa.listDevices(pool.id, user.sub, limit || 60, after);
  return {
    Devices: page.items.map((d: DeviceRecord) => deviceShape(d)),
    ...(page.next ? { PaginationToken: encodePageToken(app, scope, page.next) } : {}),
  };
}

/** ForgetDevice: the device is deleted (tokens issued to it stay valid; see devices.ts). */
export async function forgetDevice(app: App, pool: PoolRecord, user: UserRecord, deviceKey: string): Promise<void> {
  await requireDevice(app, pool.id, user.sub, deviceKey);
  await app.store.mfa.deleteDevice(pool.id, deviceKey);
}
