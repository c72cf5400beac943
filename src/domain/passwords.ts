/**
 * Passwords are never stored: a user keeps an SRP verifier v = g^x mod N (Cognito's derivation), which
 * answers both USER_SRP_AUTH and USER_PASSWORD_AUTH (recompute v from the presented password and compare
 * in constant time). See the README's security notes for the trade-off.
 */
import { timingSafeEqual } from 'node:crypto';
import { InvalidParameterException, InvalidPasswordException } from '../protocol/errors.ts';
import { computeX, gPowN, padHex, randomSaltHex } from './srp-math.ts';
import type { PasswordVerifier, PoolRecord } from './types.ts';

/** The part of the pool id after `_`, which Cognito's SRP mixes into x. */
export function srpPoolName(poolId: string): string {
  return poolId.split('_')[1] ?? poolId;
}

export function makeVerifier(poolId: string, srpUserId: string, password: string): PasswordVerifier {
  const salt = randomSaltHex();
  const x = computeX(srpPoolName(poolId), srpUserId, password, salt);
  return { salt, verifier: padHex(gPowN(x)), srpUserId };
}

export function checkPassword(poolId: string, v: PasswordVerifier, password: string): boolean {
  const x = computeX(srpPoolName(poolId), v.srpUserId, password, v.salt);
  const a = Buffer.from(padHex(gPowN(x)), 'hex');
  const b = Buffer.from(v.verifier, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

export function policyOf(pool: PoolRecord): PasswordPolicy {
  const p = (pool.config.Policies as { PasswordPolicy?: Partial<PasswordPolicy> } | undefined)?.PasswordPolicy;
  return { ...DEFAULT_PASSWORD_POLICY, ...(p ?? {}) };
}

const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

/** Enforces the pool's password policy with Cognito's messages. */
export function assertPasswordPolicy(pool: PoolRecord, password: string, makeError = (m: string) => new InvalidPasswordException(m)): void {
  if (/\s/.test(password.charAt(0)) || /\s/.test(password.charAt(password.length - 1))) {
    throw new InvalidParameterException('The password can not begin or end with a whitespace');
  }
  const p = policyOf(pool);
  if (password.length < p.MinimumLength) throw makeError('Password did not conform with policy: Password not long enough');
  if (p.RequireNumbers && !/[0-9]/.test(password))
    throw makeError('Password did not conform with policy: Password must have numeric characters');
  if (p.RequireSymbols && ![...password].some((c) => SYMBOLS.includes(c)))
    throw makeError('Password did not conform with policy: Password must have symbol characters');
  if (p.RequireUppercase && !/[A-Z]/.test(password))
    throw makeError('Password did not conform with policy: Password must have uppercase characters');
  if (p.RequireLowercase && !/[a-z]/.test(password))
    throw makeError('Password did not conform with policy: Password must have lowercase characters');
}
