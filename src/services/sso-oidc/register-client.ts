/** RegisterClient: validate metadata → mint id and secret (secret stored hashed) → shape the response. */
import type { App } from '../../domain/app.ts';
import { sha256hex } from '../../domain/ids.ts';
import {
  InvalidClientMetadataException,
  InvalidRedirectUriException,
  InvalidScopeException,
  UnsupportedGrantTypeException,
} from '../../domain/sso/errors.ts';
import { CLIENT_LIFETIME_S, DEVICE_GRANT, newClientCredentials, redirectUriPermitted } from '../../domain/sso/oidc.ts';
import { ssoSettings } from '../../domain/sso/settings.ts';
import type { OidcClient } from '../../domain/sso/types.ts';
import type { RawRequest } from '../../server/context.ts';
import { type OidcBody, asString, asStringList, requireString } from './body.ts';

const GRANT_TYPES = new Set(['authorization_code', 'refresh_token', DEVICE_GRANT]);
const SCOPE = /^[A-Za-z0-9_.:/-]{1,256}$/;

/** Redirect URIs must be loopback (as the AWS CLI registers) or listed by the operator in the seed file. */
function checkRedirectUris(uris: string[], operatorListed: readonly string[] | undefined): void {
  for (const u of uris) {
    if (!redirectUriPermitted(operatorListed, u)) throw new InvalidRedirectUriException(`Invalid redirect URI: ${u}`);
  }
}

export async function registerClient(body: OidcBody, { ctx }: RawRequest) {
  const app: App = ctx.app;
  const clientName = requireString(body, 'clientName');
  const clientType = requireString(body, 'clientType');
  if (clientType !== 'public') throw new InvalidClientMetadataException(`Invalid client type: ${clientType}`);
  const scopes = asStringList(body, 'scopes') ?? [];
  for (const s of scopes) if (!SCOPE.test(s)) throw new InvalidScopeException(`Invalid scope: ${s}`);
  const grantTypes = asStringList(body, 'grantTypes') ?? [];
  for (const g of grantTypes) if (!GRANT_TYPES.has(g)) throw new UnsupportedGrantTypeException(`Unsupported grant type: ${g}`);
  const redirectUris = asStringList(body, 'redirectUris') ?? [];
  checkRedirectUris(redirectUris, (await ssoSettings(app)).redirectUris);
  if (grantTypes.includes('authorization_code') && redirectUris.length === 0) {
    throw new InvalidRedirectUriException('redirectUris are required for the authorization_code grant');
  }
  asString(body, 'issuerUrl');

  const now = app.now();
  const issuedAt = Math.floor(now / 1000);
  const { clientId, clientSecret } = newClientCredentials();
  const client: OidcClient = {
    id: clientId,
    name: clientName,
    secretHash: sha256hex(clientSecret),
    scopes,
    redirectUris,
    grantTypes,
    issuedAt: now,
    expiresAt: (issuedAt + CLIENT_LIFETIME_S) * 1000,
  };
  await app.store.sso.insertClient(client);
  return {
    clientId,
    clientSecret,
    clientIdIssuedAt: issuedAt,
    clientSecretExpiresAt: issuedAt + CLIENT_LIFETIME_S,
    ...(grantTypes.includes('authorization_code')
      ? { authorizationEndpoint: `${app.publicUrl}/authorize`, tokenEndpoint: `${app.publicUrl}/token` }
      : {}),
  };
}
