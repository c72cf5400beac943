/**
 * A user pool's MFA configuration (SetUserPoolMfaConfig / GetUserPoolMfaConfig): the mode (OFF, OPTIONAL,
 * ON) and which factors the pool offers. SMS MFA uses the pool's SmsConfiguration and
 * SmsAuthenticationMessage (UserPoolType members, as DescribeUserPool shows them); whether TOTP, SMS and
 * e-mail codes are offered is kept in the pool's configuration under MFA_FACTORS_KEY, which
 * DescribeUserPool does not show (UserPoolType has no such member).
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { PoolRecord } from '../types.ts';
import { FeatureUnavailableInTierException } from './errors.ts';

export type MfaMode = 'OFF' | 'OPTIONAL' | 'ON';
/** The second factors, by their challenge names. */
export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
export const MFA_FACTORS: readonly MfaFactor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

/** The pool configuration key that records which factors SetUserPoolMfaConfig turned on. */
export const MFA_FACTORS_KEY = 'MfaFactorSettings';

interface FactorSettings {
  sms?: boolean;
  totp?: boolean;
  email?: { Message?: string; Subject?: string };
  webAuthn?: { RelyingPartyId?: string; UserVerification?: string };
}

function factorSettings(pool: PoolRecord): FactorSettings | undefined {
  return pool.config[MFA_FACTORS_KEY] as FactorSettings | undefined;
}

export function mfaMode(pool: PoolRecord): MfaMode {
  const m = pool.config.MfaConfiguration;
  return m === 'ON' || m === 'OPTIONAL' ? m : 'OFF';
}

/**
 * The factors the pool offers. Before any SetUserPoolMfaConfig, a pool created with an SmsConfiguration
 * offers SMS (CreateUserPool's MfaConfiguration with SmsConfiguration is how SMS MFA was set up first).
 */
export function poolFactors(pool: PoolRecord): MfaFactor[] {
  const f = factorSettings(pool);
  // SMS needs the pool's SmsConfiguration, which UpdateUserPool can take away.
  const sms = (f?.sms ?? true) && pool.config.SmsConfiguration !== undefined;
  const out: MfaFactor[] = [];
  if (sms) out.push('SMS_MFA');
  if (f?.totp) out.push('SOFTWARE_TOKEN_MFA');
  if (f?.email) out.push('EMAIL_OTP');
  return out;
}

/** The e-mail MFA message settings, when e-mail codes are on. */
export function emailMfaSettings(pool: PoolRecord): { Message?: string; Subject?: string } | undefined {
  return factorSettings(pool)?.email;
}

export interface MfaConfigInput {
  MfaConfiguration?: string;
  SmsMfaConfiguration?: { SmsAuthenticationMessage?: string; SmsConfiguration?: Record<string, unknown> };
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
  EmailMfaConfiguration?: { Message?: string; Subject?: string };
  WebAuthnConfiguration?: Record<string, unknown>;
}

/**
 * Applies SetUserPoolMfaConfig to a pool's configuration (members left out keep their value) and checks
 * the result: MFA cannot be OPTIONAL or ON with no factor, SMS needs an SmsConfiguration, the e-mail
 * message must hold the `{####}` placeholder, and e-mail MFA is not in the Lite plan.
 */
export function applyMfaConfig(pool: PoolRecord, input: MfaConfigInput): Record<string, unknown> {
  const config = { ...pool.config };
  const f: FactorSettings = { ...(factorSettings(pool) ?? { sms: pool.config.SmsConfiguration !== undefined }) };
  if (input.SmsMfaConfiguration !== undefined) {
    const sms = input.SmsMfaConfiguration;
    const smsConfiguration = sms.SmsConfiguration ?? (config.SmsConfiguration as Record<string, unknown> | undefined);
    if (!smsConfiguration) {
      throw new InvalidParameterException('SMS configuration is required to turn on SMS MFA: set SmsMfaConfiguration.SmsConfiguration.');
    }
    config.SmsConfiguration = smsConfiguration;
    if (sms.SmsAuthenticationMessage !== undefined) {
      if (!sms.SmsAuthenticationMessage.includes('{####}')) {
        throw new InvalidParameterException('SmsAuthenticationMessage must contain the placeholder {####}.');
      }
      config.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
    }
    f.sms = true;
  }
  if (input.SoftwareTokenMfaConfiguration !== undefined) f.totp = input.SoftwareTokenMfaConfiguration.Enabled === true;
  if (input.EmailMfaConfiguration !== undefined) {
    if (config.UserPoolTier === 'LITE') {
      throw new FeatureUnavailableInTierException('Email MFA is not available in the Lite feature plan.');
    }
    const { Message, Subject } = input.EmailMfaConfiguration;
    if (Message !== undefined && !Message.includes('{####}')) {
      throw new InvalidParameterException('EmailMfaConfiguration.Message must contain the placeholder {####}.');
    }
    f.email = { ...(Message !== undefined ? { Message } : {}), ...(Subject !== undefined ? { Subject } : {}) };
  }
  if (input.WebAuthnConfiguration !== undefined) {
    const { RelyingPartyId, UserVerification, FactorConfiguration } = input.WebAuthnConfiguration as {
      RelyingPartyId?: string;
      UserVerification?: string;
      FactorConfiguration?: string;
    };
    if (FactorConfiguration !== undefined && FactorConfiguration !== 'SINGLE_FACTOR') {
      throw new InvalidParameterException(
        `WebAuthnConfiguration.FactorConfiguration ${FactorConfiguration} is not supported by Cognate yet: passkeys are a first factor only.`,
      );
    }
    f.webAuthn = { ...(RelyingPartyId !== undefined ? { RelyingPartyId } : {}), UserVerification: UserVerification ?? 'preferred' };
  }
  if (input.MfaConfiguration !== undefined) config.MfaConfiguration = input.MfaConfiguration;
  config[MFA_FACTORS_KEY] = f;
  assertMfaHasFactor({ ...pool, config });
  return config;
}

/**
 * CreateUserPool / UpdateUserPool: MfaConfiguration OPTIONAL or ON needs a factor the pool offers (SMS via
 * SmsConfiguration there, or what SetUserPoolMfaConfig turned on); otherwise no user could pass MFA.
 */
export function assertMfaHasFactor(pool: PoolRecord): void {
  if (mfaMode(pool) !== 'OFF' && poolFactors(pool).length === 0) {
    throw new InvalidParameterException(
      `MfaConfiguration ${mfaMode(pool)} needs an MFA factor: give an SmsConfiguration, or turn on software token or email MFA with SetUserPoolMfaConfig.`,
    );
  }
}

/** GetUserPoolMfaConfig's (and SetUserPoolMfaConfig's) response. */
export function mfaConfigShape(pool: PoolRecord): Record<string, unknown> {
  const factors = poolFactors(pool);
  const email = emailMfaSettings(pool);
  return {
    ...(factors.includes('SMS_MFA')
      ? {
          SmsMfaConfiguration: {
            ...(pool.config.SmsAuthenticationMessage !== undefined
              ? { SmsAuthenticationMessage: pool.config.SmsAuthenticationMessage }
              : {}),
            ...(pool.config.SmsConfiguration !== undefined ? { SmsConfiguration: pool.config.SmsConfiguration } : {}),
          },
        }
      : {}),
    SoftwareTokenMfaConfiguration: { Enabled: factors.includes('SOFTWARE_TOKEN_MFA') },
    ...(email ? { EmailMfaConfiguration: email } : {}),
    MfaConfiguration: mfaMode(pool),
    WebAuthnConfiguration: factorSettings(pool)?.webAuthn ?? { UserVerification: 'preferred' },
  };
}
