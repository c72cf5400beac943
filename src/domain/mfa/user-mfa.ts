/**
 * A user's second factors: which are turned on (UserMFASettingList), which is preferred
 * (PreferredMfaSetting), and the TOTP secret — sealed with the instance's master key, never stored plain.
 * SetUserMFAPreference, AdminSetUserMFAPreference and the legacy SetUserSettings all land here.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { UserRecord } from '../types.ts';
import { MFA_FACTORS, type MfaFactor } from './pool-mfa.ts';

/** The factors the user turned on, in Cognito's list order. */
export function enabledFactors(user: Pick<UserRecord, 'mfaEnabled'>): MfaFactor[] {
  const on = new Set(user.mfaEnabled ?? []);
  return MFA_FACTORS.filter((f) => on.has(f));
}

/** The MFA members of GetUser / AdminGetUser / UserType. */
export function userMfaShape(user: Pick<UserRecord, 'mfaEnabled' | 'preferredMfa'>, withSettings = true): Record<string, unknown> {
  // Most users have no second factor: no set, filter or spreads for them (GetUser's hot path).
  if (!user.mfaEnabled?.length && !(withSettings && user.preferredMfa)) return {};
  const on = enabledFactors(user);
  return {
    // The legacy MFAOptions describe SMS MFA only.
    ...(on.includes('SMS_MFA') ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
    ...(withSettings && user.preferredMfa ? { PreferredMfaSetting: user.preferredMfa } : {}),
    ...(withSettings && on.length > 0 ? { UserMFASettingList: on } : {}),
  };
}

export interface FactorSetting {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

export interface MfaPreferenceInput {
  SMSMfaSettings?: FactorSetting;
  SoftwareTokenMfaSettings?: FactorSetting;
  EmailMfaSettings?: FactorSetting;
  WebAuthnMfaSettings?: unknown;
}

const DELIVERY: Record<MfaFactor, string> = { SMS_MFA: 'phone_number', EMAIL_OTP: 'email', SOFTWARE_TOKEN_MFA: '' };

/** Checks that a factor can be turned on for this user (a verified TOTP secret, a phone, an e-mail). */
function assertCanEnable(user: UserRecord, factor: MfaFactor): void {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    if (!user.totp?.secretSealed) throw new InvalidParameterException('User has not verified software token mfa');
    return;
  }
  // (Read here rather than through users.ts, which imports this module for the wire shapes.)
  if (!user.attributes.some((a) => a.Name === DELIVERY[factor] && a.Value)) {
    throw new InvalidParameterException(`User does not have delivery config set to turn on ${factor}`);
  }
}

/**
 * Applies an MFA preference to the user record (not yet saved). Settings left out keep their value;
 * turning a factor off also drops it as the preferred one; preferring a factor needs it on.
 */
export function applyMfaPreference(user: UserRecord, input: MfaPreferenceInput): void {
  if (input.WebAuthnMfaSettings !== undefined) {
    throw new InvalidParameterException('WebAuthnMfaSettings is not supported by Cognate yet: passkeys are not available.');
  }
  const settings: [MfaFactor, FactorSetting | undefined][] = [
    ['SMS_MFA', input.SMSMfaSettings],
    ['SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaSettings],
    ['EMAIL_OTP', input.EmailMfaSettings],
  ];
  const on = new Set(enabledFactors(user));
  let preferred = user.preferredMfa as MfaFactor | undefined;
  const preferring = settings.filter(([, s]) => s?.PreferredMfa === true);
  if (preferring.length > 1) throw new InvalidParameterException('Only one MFA method can be preferred.');
  for (const [factor, s] of settings) {
    if (!s) continue;
    if (s.Enabled === true) {
      assertCanEnable(user, factor);
      on.add(factor);
    } else if (s.Enabled === false) {
      on.delete(factor);
      if (preferred === factor) preferred = undefined;
    }
    if (s.PreferredMfa === true) {
      if (!on.has(factor)) throw new InvalidParameterException(`${factor} must be enabled to be the preferred MFA method.`);
      preferred = factor;
    } else if (s.PreferredMfa === false && preferred === factor) preferred = undefined;
  }
  setFactors(user, [...on], preferred);
}

/** Replaces the user's factors and preferred factor (the record is saved by the caller). */
export function setFactors(user: UserRecord, on: MfaFactor[], preferred: MfaFactor | undefined): void {
  const list = MFA_FACTORS.filter((f) => on.includes(f));
  if (list.length > 0) user.mfaEnabled = list;
  else delete user.mfaEnabled;
  if (preferred && list.includes(preferred)) user.preferredMfa = preferred;
  else delete user.preferredMfa;
  delete user.mfaOptions;
}

/** SetUserSettings / AdminSetUserSettings: the legacy MFAOptions turn SMS MFA on (one SMS option) or off (none). */
export function applyLegacyMfaOptions(user: UserRecord, options: { DeliveryMedium?: string; AttributeName?: string }[]): void {
  const on = new Set(enabledFactors(user));
  const sms = options.find((o) => o.DeliveryMedium === 'SMS');
  for (const o of options) {
    if (o.DeliveryMedium !== 'SMS' || (o.AttributeName !== undefined && o.AttributeName !== 'phone_number')) {
      throw new InvalidParameterException('Only SMS delivery to phone_number is supported in MFAOptions.');
    }
  }
  if (sms) {
    assertCanEnable(user, 'SMS_MFA');
    on.add('SMS_MFA');
  } else on.delete('SMS_MFA');
  setFactors(user, [...on], user.preferredMfa as MfaFactor | undefined);
}

/** The user's verified TOTP secret (base32), opened from its sealed form. */
export function totpSecret(app: App, user: UserRecord): string | undefined {
  return user.totp?.secretSealed ? app.sealer.open(user.totp.secretSealed) : undefined;
}

/** The TOTP secret being set up (AssociateSoftwareToken, not yet verified). */
export function pendingTotpSecret(app: App, user: UserRecord): string | undefined {
  return user.totp?.pendingSealed ? app.sealer.open(user.totp.pendingSealed) : undefined;
}
