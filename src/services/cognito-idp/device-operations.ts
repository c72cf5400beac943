/**
 * The device operations, one small handler each: the user's own (authorised by an access token) and the
 * Admin* ones (signed; pool and user named in the request). Each resolves who, then calls
 * domain/mfa/device-settings.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { Json11Handler, RequestContext } from '../../server/context.ts';
import type { App } from '../../domain/app.ts';
import { confirmDevice, forgetDevice, getDevice, listDevices, updateDeviceStatus } from '../../domain/mfa/device-settings.ts';
import type { PoolRecord, UserRecord } from '../../domain/types.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';
import { signedInUser } from './token-user.ts';

type Input = Record<string, unknown>;

/** The user an access token names (ForgetDevice and GetDevice model AccessToken as optional). */
async function tokenUser(app: App, input: Input): Promise<{ pool: PoolRecord; user: UserRecord }> {
  if (typeof input.AccessToken !== 'string') throw new InvalidParameterException('Missing required parameter AccessToken');
  const { pool, user } = await signedInUser(app, input.AccessToken);
  return { pool, user };
}

/** The user an Admin* request names. */
async function adminUser(app: App, input: Input): Promise<{ pool: PoolRecord; user: UserRecord }> {
  const pool = await getPool(app, input.UserPoolId as string);
  return { pool, user: await requireUser(app, pool, input.Username as string) };
}

type Who = (app: App, input: Input) => Promise<{ pool: PoolRecord; user: UserRecord }>;

const confirm =
  (who: Who): Json11Handler =>
  async (input: Input, { app }: RequestContext) => {
    const { pool, user } = await who(app, input);
    return confirmDevice(
      app,
      pool,
      user,
      input.DeviceKey as string,
      input.DeviceSecretVerifierConfig as { PasswordVerifier?: string; Salt?: string } | undefined,
      input.DeviceName as string | undefined,
    );
  };

const status =
  (who: Who): Json11Handler =>
  async (input: Input, { app }: RequestContext) => {
    const { pool, user } = await who(app, input);
    await updateDeviceStatus(app, pool, user, input.DeviceKey as string, input.DeviceRememberedStatus as string | undefined);
    return {};
  };

const get =
  (who: Who): Json11Handler =>
  async (input: Input, { app }: RequestContext) => {
    const { pool, user } = await who(app, input);
    return getDevice(app, pool, user, input.DeviceKey as string);
  };

const list =
  (who: Who): Json11Handler =>
  async (input: Input, { app }: RequestContext) => {
    const { pool, user } = await who(app, input);
    return listDevices(app, pool, user, input.Limit as number | undefined, input.PaginationToken as string | undefined);
  };

const forget =
  (who: Who): Json11Handler =>
  async (input: Input, { app }: RequestContext) => {
    const { pool, user } = await who(app, input);
    await forgetDevice(app, pool, user, input.DeviceKey as string);
    return {};
  };

export const deviceOperations: Record<string, Json11Handler> = {
  ConfirmDevice: confirm(tokenUser),
  UpdateDeviceStatus: status(tokenUser),
  GetDevice: get(tokenUser),
  ListDevices: list(tokenUser),
  ForgetDevice: forget(tokenUser),
  AdminUpdateDeviceStatus: status(adminUser),
  AdminGetDevice: get(adminUser),
  AdminListDevices: list(adminUser),
  AdminForgetDevice: forget(adminUser),
};
