/**
 * The sign-in factor part of the Store port: which TOTP step each user last used, so that a code is
 * accepted once even when two requests race (on one node or several); remembered devices; and which
 * device each grant was issued to (the access token's `device_key`, refresh with DEVICE_KEY).
 */
import type { Page } from './port.ts';

/** A tracked device (Cognito's device tracking). The SRP verifier is public-key-like: no secret. */
export interface DeviceRecord {
  poolId: string;
  /** `<region>_<uuid>`, as NewDeviceMetadata.DeviceKey. */
  deviceKey: string;
  deviceGroupKey: string;
  sub: string;
  /** From ConfirmDevice: hex salt and verifier (v = g^x) of the device's own SRP secret. */
  salt?: string;
  verifier?: string;
  name?: string;
  remembered: boolean;
  createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt?: number;
}

export interface MfaRepo {
  /**
   * Records that the user signed in (or verified) with the TOTP code of `step`. True only when `step`
   * is later than every step claimed before for this user: the check and the write are one atomic step,
   * so of two requests presenting the same code exactly one wins.
   */
  claimTotpStep(poolId: string, sub: string, step: number): Promise<boolean>;

  /** Inserts or replaces a device. */
  putDevice(device: DeviceRecord): Promise<void>;
  getDevice(poolId: string, deviceKey: string): Promise<DeviceRecord | undefined>;
  /** The user's devices in device-key (byte) order, after the `after` key. */
  listDevices(poolId: string, sub: string, limit: number, after?: string): Promise<Page<DeviceRecord>>;
  /** False when there was no such device. */
  deleteDevice(poolId: string, deviceKey: string): Promise<boolean>;
  /** Records that a grant was issued to a device. */
  bindGrant(grantId: string, poolId: string, deviceKey: string): Promise<void>;
  /** The device a grant was issued to, if any. */
  deviceOfGrant(grantId: string): Promise<string | undefined>;

  /** Inserts or replaces a passkey (a new signature counter is a replace). */
  putCredential(credential: WebAuthnCredentialRecord): Promise<void>;
  getCredential(poolId: string, credentialId: string): Promise<WebAuthnCredentialRecord | undefined>;
  /** The user's passkeys in credential-id (byte) order, after the `after` id. */
  listCredentials(poolId: string, sub: string, limit: number, after?: string): Promise<Page<WebAuthnCredentialRecord>>;
  /** False when there was no such credential. */
  deleteCredential(poolId: string, credentialId: string): Promise<boolean>;
}

/** A registered passkey: the public key (COSE, base64url) and what verification needs of it. */
export interface WebAuthnCredentialRecord {
  poolId: string;
  /** base64url, as the authenticator reports it. */
  credentialId: string;
  sub: string;
  publicKey: string;
  counter: number;
  relyingPartyId: string;
  transports?: string[];
  attachment?: string;
  friendlyName?: string;
  createdAt: number;
}
