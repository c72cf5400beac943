/**
 * The settable part of a user pool (what CreateUserPool and UpdateUserPool accept) and its checks.
 * UpdateUserPool replaces the settable members: one the request leaves out goes back to its default,
 * as in Cognito (so an update without DeletionProtection turns protection off).
 */
import { InvalidParameterException } from '../protocol/errors.ts';
import { MFA_FACTORS_KEY } from './mfa/pool-mfa.ts';
import { defaultPoolConfig } from './user-pools.ts';
import type { PoolRecord } from './types.ts';

/** Members fixed at creation: UpdateUserPool cannot change them, so they are carried over. */
const FIXED = ['SchemaAttributes', 'UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration', 'Domain', 'CustomDomain'];
/** Set by SetUserPoolMfaConfig, not UpdateUserPool: kept across updates. */
const KEPT = [MFA_FACTORS_KEY];

/** Checks Cognito makes on pool settings beyond the model's constraints. */
export function assertPoolSettings(input: Record<string, unknown>): void {
  const pp = (input.Policies as { PasswordPolicy?: { MinimumLength?: number } } | undefined)?.PasswordPolicy;
  if (pp?.MinimumLength !== undefined && (pp.MinimumLength < 6 || pp.MinimumLength > 99)) {
    throw new InvalidParameterException(
      "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value between 6 and 99",
    );
  }
}

/** The configuration after UpdateUserPool: defaults plus the request, with the fixed members kept. */
export function updatedPoolConfig(pool: PoolRecord, input: Record<string, unknown>): Record<string, unknown> {
  const { UserPoolId, PoolName, ...settable } = input;
  const next = defaultPoolConfig(settable);
  for (const k of [...FIXED, ...KEPT]) {
    if (pool.config[k] !== undefined) next[k] = pool.config[k];
    else delete next[k];
  }
  // The feature plan is billing, not behaviour: leaving it out keeps the current plan.
  if (settable.UserPoolTier === undefined && pool.config.UserPoolTier !== undefined) next.UserPoolTier = pool.config.UserPoolTier;
  return next;
}
