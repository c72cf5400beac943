/** Identifier and secret generators in the forms AWS uses. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Unbiased random string over an alphabet. */
export function randomString(length: number, alphabet = ALNUM): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const uuid = (): string => randomUUID();
/** `us-east-1_AbC123xyZ` */
export const newPoolId = (region: string): string => `${region}_${randomString(9)}`;
/** 26 lower-case alphanumerics, like Cognito app client ids. */
export const newClientId = (): string => randomString(26, LOWER_ALNUM);
/** 51 characters of [a-z0-9], within ClientSecretType's 24–64. */
export const newClientSecret = (): string => randomString(51, LOWER_ALNUM);
/** `AKIA…`/`ASIA…` style access key ids. */
export const newAccessKeyId = (prefix = 'ASIA'): string => `${prefix}${randomString(16, UPPER_ALNUM)}`;
export const newSecretAccessKey = (): string => randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40);
/** A numeric confirmation code. */
export const newNumericCode = (digits = 6): string => randomString(digits, '0123456789');

export function sha256hex(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}

export function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}
