/**
 * The OAuth settings of an app client, checked when a client is created or updated and read by the
 * managed-login endpoints: AllowedOAuthFlows, AllowedOAuthFlowsUserPoolClient, AllowedOAuthScopes,
 * CallbackURLs, LogoutURLs, DefaultRedirectURI, SupportedIdentityProviders.
 */
import { InvalidOAuthFlowException, InvalidParameterException, ServiceError } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { ClientRecord } from '../types.ts';
import { customScopesOf } from './resource-servers.ts';

/** The scopes every pool has. */
export const STANDARD_SCOPES: readonly string[] = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

/** Thrown by CreateUserPoolClient/UpdateUserPoolClient for a scope no resource server defines. */
export class ScopeDoesNotExistException extends ServiceError {
  constructor(message: string) {
    super('ScopeDoesNotExistException', message, 400);
  }
}

export type OAuthFlow = 'code' | 'implicit' | 'client_credentials';

/** The client's OAuth settings, with Cognito's defaults for what is not set. */
export interface ClientOAuth {
  enabled: boolean;
  flows: OAuthFlow[];
  scopes: string[];
  callbackUrls: string[];
  logoutUrls: string[];
  defaultRedirectUri?: string;
  identityProviders: string[];
}

export function oauthOf(client: ClientRecord): ClientOAuth {
  const c = client.config;
  return {
    enabled: c.AllowedOAuthFlowsUserPoolClient === true,
    flows: (c.AllowedOAuthFlows as OAuthFlow[] | undefined) ?? [],
    scopes: (c.AllowedOAuthScopes as string[] | undefined) ?? [],
    callbackUrls: (c.CallbackURLs as string[] | undefined) ?? [],
    logoutUrls: (c.LogoutURLs as string[] | undefined) ?? [],
    ...(typeof c.DefaultRedirectURI === 'string' ? { defaultRedirectUri: c.DefaultRedirectURI } : {}),
    identityProviders: (c.SupportedIdentityProviders as string[] | undefined) ?? [],
  };
}

/**
 * A callback or sign-out URL as Cognito accepts it: absolute, no fragment, and HTTPS unless it is
 * http://localhost (any port) or an app's own scheme (myapp://callback).
 */
function checkUrl(member: string, url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InvalidParameterException(`${member} must be absolute URLs: ${url} is not.`);
  }
  if (u.hash || url.includes('#')) throw new InvalidParameterException(`${member} must not contain a fragment: ${url}`);
  if (u.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) {
    throw new InvalidParameterException(`${member} must use HTTPS unless they point at localhost: ${url}`);
  }
  if (u.protocol === 'javascript:' || u.protocol === 'data:') {
    throw new InvalidParameterException(`${member} must not use the ${u.protocol} scheme: ${url}`);
  }
}

/**
 * Checks a client's OAuth settings as CreateUserPoolClient/UpdateUserPoolClient do. Error texts follow
 * Cognito's where they are known (flows, scopes, providers); the rest say plainly what is wrong.
 */
export async function checkClientOAuth(app: App, poolId: string, config: Record<string, unknown>, hasSecret: boolean): Promise<void> {
  const o = oauthOf({ config } as ClientRecord);
  if (o.flows.includes('client_credentials') && (o.flows.includes('code') || o.flows.includes('implicit'))) {
    throw new InvalidOAuthFlowException('client_credentials flow can not be selected along with code flow or implicit flow.');
  }
  if (o.flows.includes('client_credentials') && !hasSecret) {
    throw new InvalidOAuthFlowException('client_credentials flow can not be selected if client does not have a client secret.');
  }
  if (o.enabled && (o.flows.length === 0 || o.scopes.length === 0)) {
    throw new InvalidOAuthFlowException(
      'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    );
  }
  const custom = o.scopes.some((s) => !STANDARD_SCOPES.includes(s)) ? await customScopesOf(app, poolId) : new Set<string>();
  for (const s of o.scopes) {
    if (!STANDARD_SCOPES.includes(s) && !custom.has(s)) throw new ScopeDoesNotExistException(`Invalid scope requested: ${s}`);
  }
  if (o.flows.includes('client_credentials') && o.scopes.some((s) => STANDARD_SCOPES.includes(s))) {
    throw new InvalidOAuthFlowException('client_credentials flow can only be used with custom scopes.');
  }
  for (const url of o.callbackUrls) checkUrl('CallbackURLs', url);
  for (const url of o.logoutUrls) checkUrl('LogoutURLs', url);
  if (o.defaultRedirectUri !== undefined && !o.callbackUrls.includes(o.defaultRedirectUri)) {
    throw new InvalidParameterException('DefaultRedirectURI must be one of the CallbackURLs.');
  }
  for (const p of o.identityProviders) {
    // Cognate has no federated identity providers (CreateIdentityProvider) yet: COGNITO is the only one.
    if (p !== 'COGNITO') throw new InvalidParameterException(`The provider ${p} does not exist for User Pool ${poolId}`);
  }
  if ((o.flows.includes('code') || o.flows.includes('implicit')) && o.enabled && o.callbackUrls.length === 0) {
    throw new InvalidParameterException('CallbackURLs are required when AllowedOAuthFlows include code or implicit.');
  }
}
