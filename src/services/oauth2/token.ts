/**
 * POST /oauth2/token: authenticate the client → the grant type's own steps → tokens. authorization_code
 * (single-use code, exact redirect_uri, PKCE, the approving browser session still alive),
 * refresh_token (the API refresh, judged by domain/revocation.ts), client_credentials (custom scopes).
 */
import type { App } from '../../domain/app.ts';
import { oauthOf } from '../../domain/oauth/client-settings.ts';
import { pkceMatches, redeemCode } from '../../domain/oauth/codes.ts';
import { loginSessionAlive } from '../../domain/oauth/login-sessions.ts';
import { clientCredentialsToken, refreshResponse, type TokenResponse, tokensForCode } from '../../domain/oauth/oauth-tokens.ts';
import { decodeJwt } from '../../domain/jwt.ts';
import type { ClientRecord, PoolRecord } from '../../domain/types.ts';
import { ServiceError } from '../../protocol/errors.ts';
import type { Route } from '../../server/context.ts';
import { refreshGrant } from '../cognito-idp/auth-flows.ts';
import { authenticateClient, oauthForm } from './client-auth.ts';
import { OAuthError, sendOAuthError, sendOAuthJson } from './oauth-errors.ts';

function required(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (!v) throw new OAuthError('invalid_request');
  return v;
}

async function authorizationCode(app: App, pool: PoolRecord, client: ClientRecord, form: URLSearchParams): Promise<TokenResponse> {
  if (!oauthOf(client).flows.includes('code')) throw new OAuthError('unauthorized_client');
  const code = required(form, 'code');
  const redirectUri = form.get('redirect_uri');
  const grant = await redeemCode(app, code);
  // A code is consumed by its first redemption, right or wrong: a replay or a guess never gets a second try.
  if (!grant || grant.clientId !== client.id || grant.poolId !== pool.id) throw new OAuthError('invalid_grant');
  if (redirectUri !== grant.redirectUri) throw new OAuthError('invalid_grant');
  if (!pkceMatches(grant, form.get('code_verifier') ?? undefined)) throw new OAuthError('invalid_grant');
  const user = await loginSessionAlive(app, pool, grant.loginSessionId);
  if (!user || user.sub !== grant.sub) throw new OAuthError('invalid_grant');
  return tokensForCode(app, pool, client, user, grant);
}

async function refreshToken(app: App, pool: PoolRecord, client: ClientRecord, form: URLSearchParams): Promise<TokenResponse> {
  const token = required(form, 'refresh_token');
  try {
    const result = await refreshGrant(app, pool, client, token, () => {});
    return refreshResponse(result, String(decodeJwt(result.AccessToken).payload.scope ?? ''));
  } catch (e) {
    if (e instanceof ServiceError && e.code === 'NotAuthorizedException') throw new OAuthError('invalid_grant');
    throw e;
  }
}

async function clientCredentials(app: App, pool: PoolRecord, client: ClientRecord, form: URLSearchParams): Promise<TokenResponse> {
  const o = oauthOf(client);
  if (!o.flows.includes('client_credentials')) throw new OAuthError('unauthorized_client');
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const scopes = asked.length === 0 ? o.scopes : [...new Set(asked)];
  if (scopes.length === 0 || scopes.some((s) => !o.scopes.includes(s))) throw new OAuthError('invalid_scope');
  return clientCredentialsToken(app, pool, client, scopes);
}

export const tokenRoutes: Route[] = [
  {
    method: 'POST',
    path: '/oauth2/token',
    handler: async ({ req, res, body, ctx }) => {
      try {
        const form = oauthForm(req, body);
        const grantType = required(form, 'grant_type');
        const { client, pool } = await authenticateClient(ctx.app, req, form);
        if (!oauthOf(client).enabled) throw new OAuthError('unauthorized_client');
        let out: TokenResponse;
        if (grantType === 'authorization_code') out = await authorizationCode(ctx.app, pool, client, form);
        else if (grantType === 'refresh_token') out = await refreshToken(ctx.app, pool, client, form);
        else if (grantType === 'client_credentials') out = await clientCredentials(ctx.app, pool, client, form);
        else throw new OAuthError('unsupported_grant_type');
        sendOAuthJson(res, 200, out);
      } catch (e) {
        if (e instanceof OAuthError) return sendOAuthError(res, e);
        throw e;
      }
    },
  },
];
