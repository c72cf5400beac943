/**
 * CreateToken: authenticate the client → check the grant type → redeem the grant (device code,
 * authorization code + PKCE, or refresh token with rotation) → issue tokens under the sign-in session.
 */
import type { App } from '../../domain/app.ts';
import { sha256hex } from '../../domain/ids.ts';
import {
  InvalidGrantException,
  OidcInvalidRequestException,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
} from '../../domain/sso/errors.ts';
import { DEVICE_GRANT, authenticateClient, redeemAuthorizationCode, redeemDeviceCode } from '../../domain/sso/oidc.ts';
import { checkSsoToken, issueSsoTokens, sessionIsActive } from '../../domain/sso/session.ts';
import type { OidcClient } from '../../domain/sso/types.ts';
import type { RawRequest } from '../../server/context.ts';
import { type OidcBody, asStringList, requireString } from './body.ts';

const GRANTS = ['authorization_code', 'refresh_token', DEVICE_GRANT];

/** Identity Center returns refresh tokens only to clients registered with scopes or the refresh grant. */
function wantsRefresh(client: OidcClient): boolean {
  return client.scopes.length > 0 || client.grantTypes.includes('refresh_token');
}

function checkGrantAllowed(client: OidcClient, grantType: string): void {
  if (!GRANTS.includes(grantType)) throw new UnsupportedGrantTypeException(`Unsupported grant type: ${grantType}`);
  // Clients registered without grant types (the CLI's device registrations) may use the device and refresh grants.
  const allowed = client.grantTypes.length > 0 ? client.grantTypes : [DEVICE_GRANT, 'refresh_token'];
  if (!allowed.includes(grantType)) throw new UnauthorizedClientException(`Client is not authorized to use the ${grantType} grant`);
}

async function deviceGrant(app: App, client: OidcClient, body: OidcBody) {
  const d = await redeemDeviceCode(app, client, requireString(body, 'deviceCode'));
  if (!d.sessionId || !(await sessionIsActive(app, d.sessionId))) throw new InvalidGrantException('The sign-in session has ended');
  return { sessionId: d.sessionId, scopes: client.scopes };
}

async function codeGrant(app: App, client: OidcClient, body: OidcBody) {
  const code = requireString(body, 'code');
  const redirectUri = requireString(body, 'redirectUri');
  const verifier = requireString(body, 'codeVerifier');
  const rec = await redeemAuthorizationCode(app, client, code, redirectUri, verifier);
  if (!(await sessionIsActive(app, rec.sessionId))) throw new InvalidGrantException('The sign-in session has ended');
  return { sessionId: rec.sessionId, scopes: rec.scopes };
}

async function refreshGrant(app: App, client: OidcClient, body: OidcBody) {
  const token = requireString(body, 'refreshToken');
  const state = await checkSsoToken(app, token, 'refresh');
  if (!state || state.token.clientId !== client.id) throw new InvalidGrantException('Invalid refresh token provided');
  // Rotation: the old refresh token is consumed; a second use (or a racing one) finds nothing.
  if (!(await app.store.sso.consumeToken(sha256hex(token)))) throw new InvalidGrantException('Invalid refresh token provided');
  return { sessionId: state.token.sessionId, scopes: state.token.scopes };
}

export async function createToken(body: OidcBody, { ctx, url }: RawRequest) {
  const { app } = ctx;
  if (url.searchParams.has('aws_iam')) throw new OidcInvalidRequestException('CreateTokenWithIAM is not supported by Cognate');
  const clientId = requireString(body, 'clientId');
  const clientSecret = requireString(body, 'clientSecret');
  const grantType = requireString(body, 'grantType');
  asStringList(body, 'scope'); // accepted and ignored: tokens carry the registered scopes (SPEC §1.3)
  const client = await authenticateClient(app, clientId, clientSecret);
  checkGrantAllowed(client, grantType);
  const grant =
    grantType === DEVICE_GRANT
      ? await deviceGrant(app, client, body)
      : grantType === 'authorization_code'
        ? await codeGrant(app, client, body)
        : await refreshGrant(app, client, body);
  const t = await issueSsoTokens(app, grant.sessionId, client.id, grant.scopes, wantsRefresh(client));
  return {
    accessToken: t.accessToken,
    tokenType: 'Bearer',
    expiresIn: t.expiresIn,
    ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
  };
}
