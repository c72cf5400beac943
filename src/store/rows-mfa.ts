/** Row <-> record mapping of the sign-in factor tables, shared by both adapters. */
import type { DeviceRecord, WebAuthnCredentialRecord } from './port-mfa.ts';
import type { Row } from './rows.ts';

/** The sign-in factor tables keyed by (pool_id, sub): emptied of a user's rows when the user is deleted. */
export const USER_FACTOR_TABLES = ['totp_steps', 'devices', 'webauthn_credentials'] as const;

export function toDevice(r: Row): DeviceRecord {
  const data = JSON.parse(r.data as string) as Omit<DeviceRecord, 'poolId' | 'deviceKey' | 'sub' | 'createdAt'>;
  return {
    poolId: r.pool_id as string,
    deviceKey: r.device_key as string,
    sub: r.sub as string,
    createdAt: r.created_at as number,
    ...data,
  };
}

/** devices (pool_id, device_key, sub, created_at, data) */
export function deviceParams(d: DeviceRecord): unknown[] {
  const { poolId, deviceKey, sub, createdAt, ...data } = d;
  return [poolId, deviceKey, sub, createdAt, JSON.stringify(data)];
}

export function toCredential(r: Row): WebAuthnCredentialRecord {
  const data = JSON.parse(r.data as string) as Omit<WebAuthnCredentialRecord, 'poolId' | 'credentialId' | 'sub' | 'createdAt'>;
  return {
    poolId: r.pool_id as string,
    credentialId: r.credential_id as string,
    sub: r.sub as string,
    createdAt: r.created_at as number,
    ...data,
  };
}

/** webauthn_credentials (pool_id, credential_id, sub, created_at, data) */
export function credentialParams(c: WebAuthnCredentialRecord): unknown[] {
  const { poolId, credentialId, sub, createdAt, ...data } = c;
  return [poolId, credentialId, sub, createdAt, JSON.stringify(data)];
}
