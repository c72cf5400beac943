/**
 * User pools and app clients: creation with Cognito's defaults, lookups with Cognito's not-found
 * messages, and the wire shapes (UserPoolType, UserPoolClientType).
 */
import { InvalidParameterException, ResourceNotFoundException } from '../protocol/errors.ts';
import type { App } from './app.ts';
import { MFA_FACTORS_KEY } from './mfa/pool-mfa.ts';
import { DEFAULT_PASSWORD_POLICY } from './passwords.ts';
import type { ClientRecord, PoolRecord } from './types.ts';
import { syncVerificationMessages } from './messages.ts';
import { buildSchema } from './schema.ts';
import { assertSupportedSettings } from './unsupported-settings.ts';

export const epochSeconds = (ms: number): number => ms / 1000;

const str = (name: string, mutable = true, min = 0, max = 2048, required = false) => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: mutable,
  Required: required,
  StringAttributeConstraints: { MinLength: String(min), MaxLength: String(max) },
});
const bool = (name: string) => ({
  Name: name,
  AttributeDataType: 'Boolean',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** The standard attributes every pool has. */
export const STANDARD_SCHEMA: Record<string, unknown>[] = [
  str('profile'),
  str('address'),
  str('birthdate', true, 10, 10),
  str('gender'),
  str('preferred_username'),
  {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
  str('website'),
  str('picture'),
  { ...str('identities'), StringAttributeConstraints: {} },
  { ...str('sub', false, 1, 2048, true) },
  bool('phone_number_verified'),
  str('locale'),
  bool('email_verified'),
  str('given_name'),
  str('zoneinfo'),
  str('nickname'),
  str('family_name'),
  str('name'),
  str('middle_name'),
  str('email'),
  str('phone_number'),
];

export const STANDARD_ATTRIBUTE_NAMES = new Set(STANDARD_SCHEMA.map((a) => a.Name as string));

/** The pool's configuration with Cognito's defaults filled in for what CreateUserPool left out. */
export function defaultPoolConfig(input: Record<string, unknown>): Record<string, unknown> {
  const { PoolName, ...rest } = input;
  assertSupportedSettings('pool', rest);
  const policies = (rest.Policies as Record<string, unknown> | undefined) ?? {};
  const passwordPolicy = { ...DEFAULT_PASSWORD_POLICY, ...((policies.PasswordPolicy as object | undefined) ?? {}) };
  const adminCreateUser = { AllowAdminCreateUserOnly: false, ...((rest.AdminCreateUserConfig as object | undefined) ?? {}) } as Record<
    string,
    unknown
  >;
  // UnusedAccountValidityDays is the old name of TemporaryPasswordValidityDays: one value, reported under both.
  if (adminCreateUser.UnusedAccountValidityDays !== undefined) {
    const days = (policies.PasswordPolicy as Record<string, unknown> | undefined)?.TemporaryPasswordValidityDays;
    // Both given (as a DescribeUserPool round trip sends them) must agree.
    if (days !== undefined && days !== adminCreateUser.UnusedAccountValidityDays) {
      throw new InvalidParameterException(
        'Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays',
      );
    }
    passwordPolicy.TemporaryPasswordValidityDays = adminCreateUser.UnusedAccountValidityDays as number;
  }
  adminCreateUser.UnusedAccountValidityDays = passwordPolicy.TemporaryPasswordValidityDays;
  const held = (rest.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined)
    ?.AttributesRequireVerificationBeforeUpdate;
  const auto = (rest.AutoVerifiedAttributes as string[] | undefined) ?? [];
  if (held?.some((a) => !auto.includes(a))) {
    throw new InvalidParameterException(
      'Invalid user attribute update settings: AttributesRequireVerificationBeforeUpdate can only contain attributes that are in AutoVerifiedAttributes.',
    );
  }
  const schema = buildSchema(STANDARD_SCHEMA, (rest.Schema as Record<string, unknown>[] | undefined) ?? []);
  return {
    Policies: {
      PasswordPolicy: passwordPolicy,
      SignInPolicy: (policies.SignInPolicy as object | undefined) ?? { AllowedFirstAuthFactors: ['PASSWORD'] },
    },
    DeletionProtection: rest.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: rest.LambdaConfig ?? {},
    SchemaAttributes: schema,
    ...(rest.AutoVerifiedAttributes ? { AutoVerifiedAttributes: rest.AutoVerifiedAttributes } : {}),
    ...(rest.AliasAttributes ? { AliasAttributes: rest.AliasAttributes } : {}),
    ...(rest.UsernameAttributes ? { UsernameAttributes: rest.UsernameAttributes } : {}),
    ...syncVerificationMessages(rest),
    ...(rest.SmsAuthenticationMessage ? { SmsAuthenticationMessage: rest.SmsAuthenticationMessage } : {}),
    UserAttributeUpdateSettings: rest.UserAttributeUpdateSettings ?? { AttributesRequireVerificationBeforeUpdate: [] },
    MfaConfiguration: rest.MfaConfiguration ?? 'OFF',
    ...(rest.DeviceConfiguration ? { DeviceConfiguration: rest.DeviceConfiguration } : {}),
    EmailConfiguration: rest.EmailConfiguration ?? { EmailSendingAccount: 'COGNITO_DEFAULT' },
    ...(rest.SmsConfiguration ? { SmsConfiguration: rest.SmsConfiguration } : {}),
    UserPoolTags: rest.UserPoolTags ?? {},
    AdminCreateUserConfig: adminCreateUser,
    ...(rest.UserPoolAddOns ? { UserPoolAddOns: rest.UserPoolAddOns } : {}),
    UsernameConfiguration: rest.UsernameConfiguration ?? { CaseSensitive: false },
    AccountRecoverySetting: rest.AccountRecoverySetting ?? {
      RecoveryMechanisms: [
        { Priority: 1, Name: 'verified_email' },
        { Priority: 2, Name: 'verified_phone_number' },
      ],
    },
    UserPoolTier: rest.UserPoolTier ?? 'ESSENTIALS',
  };
}

export function poolArn(app: App, poolId: string): string {
  return `arn:aws:cognito-idp:${app.config.region}:${app.accountId}:userpool/${poolId}`;
}

/** UserPoolType as DescribeUserPool answers. */
export function poolShape(app: App, pool: PoolRecord, estimatedUsers = 0): Record<string, unknown> {
  // MFA_FACTORS_KEY is Cognate's record of SetUserPoolMfaConfig, not a UserPoolType member.
  const { SchemaAttributes, [MFA_FACTORS_KEY]: _mfaFactors, ...config } = pool.config;
  return {
    Id: pool.id,
    Name: pool.name,
    ...config,
    LastModifiedDate: epochSeconds(pool.lastModifiedAt),
    CreationDate: epochSeconds(pool.createdAt),
    SchemaAttributes,
    EstimatedNumberOfUsers: estimatedUsers,
    Arn: poolArn(app, pool.id),
  };
}

export async function getPool(app: App, poolId: string): Promise<PoolRecord> {
  const pool = await app.store.pools.get(poolId);
  if (!pool) throw new ResourceNotFoundException(`User pool ${poolId} does not exist.`);
  return pool;
}

export async function getClient(app: App, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await app.store.clients.get(poolId, clientId);
  if (!client) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return client;
}

/** Unsigned operations carry only a ClientId: find the client and its pool. */
export async function findClient(app: App, clientId: string): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const client = await app.store.clients.find(clientId);
  const pool = client ? await app.store.pools.get(client.poolId) : undefined;
  if (!client || !pool) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return { client, pool };
}

export function caseSensitive(pool: PoolRecord): boolean {
  return (pool.config.UsernameConfiguration as { CaseSensitive?: boolean } | undefined)?.CaseSensitive === true;
}

/** Token validity of a client, in seconds. */
export function validity(client: ClientRecord): { access: number; id: number; refresh: number } {
  const c = client.config;
  const units = (c.TokenValidityUnits as Record<string, string> | undefined) ?? {};
  const mult = (u: string | undefined, dflt: string) =>
    ({ seconds: 1, minutes: 60, hours: 3600, days: 86400 })[(u ?? dflt) as 'seconds'] ?? 1;
  const access = typeof c.AccessTokenValidity === 'number' ? (c.AccessTokenValidity as number) * mult(units.AccessToken, 'hours') : 3600;
  const id = typeof c.IdTokenValidity === 'number' ? (c.IdTokenValidity as number) * mult(units.IdToken, 'hours') : 3600;
  const refreshRaw = typeof c.RefreshTokenValidity === 'number' ? (c.RefreshTokenValidity as number) : 30;
  const refresh = refreshRaw === 0 ? 30 * 86400 : refreshRaw * mult(units.RefreshToken, 'days');
  return { access, id, refresh };
}

/** What a client without ExplicitAuthFlows allows, as Cognito documents it. */
export const DEFAULT_AUTH_FLOWS: readonly string[] = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

export function authFlowsOf(client: ClientRecord): readonly string[] {
  const flows = client.config.ExplicitAuthFlows as string[] | undefined;
  return flows && flows.length > 0 ? flows : DEFAULT_AUTH_FLOWS;
}

/** Whether the client allows an auth flow (new ALLOW_* names and the legacy ones). */
export function allowsFlow(
  client: ClientRecord,
  flow: 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH' | 'USER_SRP_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH',
): boolean {
  const flows = authFlowsOf(client);
  if (flow === 'REFRESH_TOKEN_AUTH') return true; // Cognito always allows refresh (ALLOW_REFRESH_TOKEN_AUTH is mandatory with the new names)
  // Legacy values (no ALLOW_ prefix) name only the extra flows: SRP stays allowed beside them, unless
  // the client is CUSTOM_AUTH_FLOW_ONLY.
  if (flow === 'USER_SRP_AUTH' && !flows.some((f) => f.startsWith('ALLOW_'))) return !flows.includes('CUSTOM_AUTH_FLOW_ONLY');
  const legacy: Record<string, string> = {
    USER_PASSWORD_AUTH: 'USER_PASSWORD_AUTH',
    ADMIN_USER_PASSWORD_AUTH: 'ADMIN_NO_SRP_AUTH',
    CUSTOM_AUTH: 'CUSTOM_AUTH_FLOW_ONLY',
  };
  return flows.includes(`ALLOW_${flow}`) || (legacy[flow] !== undefined && flows.includes(legacy[flow] as string));
}

export function revocationEnabled(client: ClientRecord): boolean {
  return client.config.EnableTokenRevocation !== false;
}

export function clientSecret(app: App, client: ClientRecord): string | undefined {
  return client.secretSealed ? app.sealer.open(client.secretSealed) : undefined;
}
