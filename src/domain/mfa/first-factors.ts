/**
 * Choice-based sign-in (AuthFlow USER_AUTH): which first factors a pool allows
 * (Policies.SignInPolicy.AllowedFirstAuthFactors) and which of them a given user can use.
 * PASSWORD allows both the PASSWORD and PASSWORD_SRP challenges; EMAIL_OTP and SMS_OTP are passwordless
 * codes to a verified e-mail address or phone number; WEB_AUTHN a registered passkey (passkeys.ts).
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { PoolRecord, UserRecord } from '../types.ts';
import { FeatureUnavailableInTierException } from './errors.ts';
import { mfaMode } from './pool-mfa.ts';

export type FirstChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** The pool's AllowedFirstAuthFactors (PASSWORD when unset). */
export function allowedFirstFactors(pool: PoolRecord): string[] {
  const policy = (pool.config.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } | undefined)?.SignInPolicy;
  return policy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/** Whether the pool lets users sign up and sign in without a password. */
export function allowsPasswordless(pool: PoolRecord): boolean {
  return allowedFirstFactors(pool).some((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP' || f === 'WEB_AUTHN');
}

function verified(user: UserRecord, attribute: 'email' | 'phone_number'): boolean {
  const has = (name: string) => user.attributes.find((a) => a.Name === name)?.Value;
  return Boolean(has(attribute)) && has(`${attribute}_verified`) === 'true';
}

/** The challenges this user can answer first, in Cognito's order; `passkey`: the user has one. */
export function availableChallenges(pool: PoolRecord, user: UserRecord, passkey = false): FirstChallenge[] {
  const allowed = allowedFirstFactors(pool);
  const out: FirstChallenge[] = [];
  if (allowed.includes('PASSWORD') && user.password) out.push('PASSWORD', 'PASSWORD_SRP');
  if (allowed.includes('EMAIL_OTP') && verified(user, 'email')) out.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && verified(user, 'phone_number')) out.push('SMS_OTP');
  if (allowed.includes('WEB_AUTHN') && passkey) out.push('WEB_AUTHN');
  return out;
}

/**
 * CreateUserPool / UpdateUserPool checks on AllowedFirstAuthFactors: PASSWORD stays allowed, the
 * passwordless factors need a plan above Lite and cannot be combined with MFA required (a one-time code
 * is the whole sign-in, so it could never meet ON).
 */
export function assertFirstFactors(pool: PoolRecord): void {
  const allowed = allowedFirstFactors(pool);
  if (!allowed.includes('PASSWORD')) throw new InvalidParameterException('AllowedFirstAuthFactors must include PASSWORD.');
  if (!allowsPasswordless(pool)) return;
  if (pool.config.UserPoolTier === 'LITE') {
    throw new FeatureUnavailableInTierException(
      'Passwordless sign-in (EMAIL_OTP, SMS_OTP, WEB_AUTHN) is not available in the Lite feature plan.',
    );
  }
  if (mfaMode(pool) === 'ON') {
    throw new InvalidParameterException('AllowedFirstAuthFactors EMAIL_OTP and SMS_OTP cannot be used while MfaConfiguration is ON.');
  }
}
