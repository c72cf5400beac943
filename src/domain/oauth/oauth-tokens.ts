/**
 * Token responses of the OAuth endpoints. A code redeemed becomes a grant (domain/revocation.ts) linked
 * to the browser session that approved it, so /logout ends it and /oauth2/revoke or global sign-out end
 * it like any other grant. client_credentials tokens belong to no user and no grant: nothing can revoke
 * them (as in Cognito), and user endpoints refuse them.
 */
import { createHash } from 'node:crypto';
import type { App } from '../app.ts';
import { uuid } from '../ids.ts';
import { signJwt } from '../jwt.ts';
import { startGrant } from '../revocation.ts';
import { type AuthenticationResult, issueTokens } from '../tokens.ts';
import { type ClaimsCustomizer, preTokenGeneration, preTokenGenerationForClient } from '../triggers/token-generation.ts';
import type { ClientRecord, GrantRecord, PoolRecord, UserRecord } from '../types.ts';
import { validity } from '../user-pools.ts';
import type { CodeGrant } from './codes.ts';

/** The JSON body of a successful /oauth2/token answer. */
export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** OIDC at_hash: the left half of the access token's SHA-256, base64url. */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

/** Access and (with `openid`) ID token of a grant, in the /oauth2/token shape; the ID token carries nonce and at_hash. */
async function tokensOf(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  grant: GrantRecord,
  nonce?: string,
  customize?: ClaimsCustomizer,
): Promise<TokenResponse> {
  const idExtra = (access: string) => ({ ...(nonce ? { nonce } : {}), at_hash: atHash(access) });
  const t = await issueTokens(app, pool, client, user, grant, idExtra, customize);
  const withId = grant.scope.split(' ').includes('openid');
  return { access_token: t.AccessToken, ...(withId ? { id_token: t.IdToken } : {}), token_type: 'Bearer', expires_in: t.ExpiresIn };
}

/** authorization_code: a new grant (scopes of the code) linked to the approving browser session. */
export async function tokensForCode(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  code: CodeGrant,
): Promise<TokenResponse> {
  // TokenGeneration_HostedAuth runs before the grant exists: a refusal leaves nothing behind.
  const customize = await preTokenGeneration(app, pool, client, user, 'HostedAuth', code.scopes.join(' '));
  const { grant, refreshToken } = await startGrant(app, pool, client, user, code.scopes.join(' '));
  await app.store.oauth.linkGrant(pool.id, code.loginSessionId, grant.id);
  const out = await tokensOf(app, pool, client, user, grant, code.nonce, customize);
  return { ...out, refresh_token: refreshToken };
}

/** implicit (response_type=token): the same grant, but no refresh token reaches the browser. */
export async function tokensForImplicit(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  scopes: string[],
  loginSessionId: string,
  nonce?: string,
): Promise<TokenResponse> {
  const customize = await preTokenGeneration(app, pool, client, user, 'HostedAuth', scopes.join(' '));
  const { grant } = await startGrant(app, pool, client, user, scopes.join(' '));
  await app.store.oauth.linkGrant(pool.id, loginSessionId, grant.id);
  return tokensOf(app, pool, client, user, grant, nonce, customize);
}

/** refresh_token at /oauth2/token: the API refresh's result in OAuth shape; the ID token only with `openid`. */
export function refreshResponse(result: AuthenticationResult, scope: string): TokenResponse {
  return {
    access_token: result.AccessToken,
    ...(scope.split(' ').includes('openid') ? { id_token: result.IdToken } : {}),
    ...(result.RefreshToken ? { refresh_token: result.RefreshToken } : {}),
    token_type: 'Bearer',
    expires_in: result.ExpiresIn,
  };
}

/** client_credentials: an access token for the client itself (sub = client id) with custom scopes. */
export async function clientCredentialsToken(app: App, pool: PoolRecord, client: ClientRecord, scopes: string[]): Promise<TokenResponse> {
  const now = Math.floor(app.now() / 1000);
  const lifetime = validity(client).access;
  const claims = {
    sub: client.id,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: app.issuer(pool.id),
    exp: now + lifetime,
    iat: now,
    version: 2,
    jti: uuid(),
    client_id: client.id,
  };
  const customize = await preTokenGenerationForClient(app, pool, client, claims.scope);
  customize?.(claims, {}); // V3_0 only: access-token claims and scopes for machine-to-machine tokens
  const key = await app.keys.signer(pool.id, 'access');
  return { access_token: signJwt(claims, key.kid, key.privateKey), token_type: 'Bearer', expires_in: lifetime };
}
