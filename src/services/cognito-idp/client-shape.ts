/** UserPoolClientType as Cognito answers it, and the defaults of CreateUserPoolClient. */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { epochSeconds } from '../../domain/user-pools.ts';
import type { ClientRecord } from '../../domain/types.ts';
import { clientSecret } from '../../domain/user-pools.ts';
import { assertSupportedSettings } from '../../domain/unsupported-settings.ts';

const CONFIG_KEYS = [
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const;

/** Picks and checks the configurable members of a (Create|Update)UserPoolClient request. */
export function clientConfigFrom(input: Record<string, unknown>, previous: Record<string, unknown> = {}): Record<string, unknown> {
  assertSupportedSettings('client', input);
  const c: Record<string, unknown> = { ...previous };
  for (const k of CONFIG_KEYS) if (input[k] !== undefined) c[k] = input[k];
  c.RefreshTokenValidity ??= 30;
  c.AllowedOAuthFlowsUserPoolClient ??= false;
  c.EnableTokenRevocation ??= true;
  c.EnablePropagateAdditionalUserContextData ??= false;
  c.AuthSessionValidity ??= 3;
  c.TokenValidityUnits ??= {};
  const units = c.TokenValidityUnits as Record<string, string>;
  const secs = (v: unknown, unit: string | undefined, dflt: string) =>
    typeof v === 'number' ? v * ({ seconds: 1, minutes: 60, hours: 3600, days: 86400 }[(unit ?? dflt) as 'seconds'] ?? 1) : undefined;
  const access = secs(c.AccessTokenValidity, units.AccessToken, 'hours');
  if (access !== undefined && (access < 300 || access > 86400)) {
    throw new InvalidParameterException('Invalid range for token validity.');
  }
  const id = secs(c.IdTokenValidity, units.IdToken, 'hours');
  if (id !== undefined && (id < 300 || id > 86400)) throw new InvalidParameterException('Invalid range for token validity.');
  const refresh = secs(c.RefreshTokenValidity, units.RefreshToken, 'days');
  if (refresh !== undefined && refresh !== 0 && (refresh < 3600 || refresh > 315360000)) {
    throw new InvalidParameterException('Invalid range for token validity.');
  }
  if (c.AuthSessionValidity !== undefined && ((c.AuthSessionValidity as number) < 3 || (c.AuthSessionValidity as number) > 15)) {
    throw new InvalidParameterException(
      "1 validation error detected: Value at 'authSessionValidity' failed to satisfy constraint: Member must have value between 3 and 15",
    );
  }
  const flows = c.ExplicitAuthFlows as string[] | undefined;
  if (flows) {
    const modern = flows.filter((f) => f.startsWith('ALLOW_'));
    if (modern.length > 0 && modern.length !== flows.length) {
      throw new InvalidParameterException('ExplicitAuthFlows can not have both ALLOW_XXX and legacy values.');
    }
    if (modern.length > 0 && !modern.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
      throw new InvalidParameterException('The ALLOW_REFRESH_TOKEN_AUTH flow must be enabled when using the ALLOW_XXX values.');
    }
  }
  return c;
}

export function clientShape(app: App, client: ClientRecord): Record<string, unknown> {
  const secret = clientSecret(app, client);
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.id,
    ...(secret ? { ClientSecret: secret } : {}),
    LastModifiedDate: epochSeconds(client.lastModifiedAt),
    CreationDate: epochSeconds(client.createdAt),
    ...client.config,
  };
}
