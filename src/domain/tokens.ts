/**
 * Issues Cognito-shaped tokens for a grant: an RS256 access token and ID token (signed with different
 * keys, `kid` in the header) carrying the grant id as `origin_jti`, and an opaque refresh token that is
 * the grant's handle.
 */
import { randomBytes } from 'node:crypto';
import type { App } from './app.ts';
import { b64url, sha256hex, uuid } from './ids.ts';
import { groupClaims } from './groups.ts';
import { signJwt } from './jwt.ts';
import type { ClaimsCustomizer } from './triggers/token-generation.ts';
import { revocationEnabled, validity } from './user-pools.ts';
import type { ClientRecord, GrantRecord, PoolRecord, UserRecord } from './types.ts';

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
const REFRESH_PREFIX = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ';

export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  RefreshToken?: string;
  IdToken: string;
}

/** A refresh token: `<header>.<grant id>.<secret>` — only the secret's hash is stored. */
export function makeRefreshToken(grantId: string): { token: string; hash: string } {
  const secret = b64url(randomBytes(32));
  return { token: `${REFRESH_PREFIX}.${b64url(grantId)}.${secret}`, hash: sha256hex(secret) };
}

export function parseRefreshToken(token: string): { grantId: string; secretHash: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== REFRESH_PREFIX) return undefined;
  const grantId = Buffer.from(parts[1] ?? '', 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(grantId) || !parts[2]) return undefined;
  return { grantId, secretHash: sha256hex(parts[2]) };
}

function idTokenAttributes(user: UserRecord, client: ClientRecord): Record<string, unknown> {
  const readable = client.config.ReadAttributes as string[] | undefined;
  const out: Record<string, unknown> = {};
  for (const a of user.attributes) {
    if (a.Name === 'sub' || a.Value === undefined || a.Name.startsWith('dev:')) continue;
    if (readable && !readable.includes(a.Name)) continue;
    if (a.Name === 'email_verified' || a.Name === 'phone_number_verified') out[a.Name] = a.Value === 'true';
    else if (a.Name === 'updated_at' && /^\d+$/.test(a.Value)) out[a.Name] = Number(a.Value);
    else out[a.Name] = a.Value;
  }
  return out;
}

/**
 * Mints the access and ID tokens of a grant (sign-in or refresh); `idExtra` adds OAuth claims (nonce,
 * at_hash) to the ID token, computed from the access token when it is a function.
 */
export async function issueTokens(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  grant: GrantRecord,
  idExtra?: (accessToken: string) => Record<string, unknown>,
  customize?: ClaimsCustomizer,
  /** Claims only some sign-ins carry (`device_key` when the grant belongs to a tracked device). */
  extraAccessClaims: Record<string, unknown> = {},
): Promise<{ AccessToken: string; IdToken: string; ExpiresIn: number; TokenType: 'Bearer' }> {
  const now = Math.floor(app.now() / 1000);
  const v = validity(client);
  const iss = app.issuer(pool.id);
  const authTime = Math.floor(grant.authTime / 1000);
  const eventId = uuid();
  // With revocation on, Cognito puts the grant id in origin_jti; with it off there is no origin_jti and
  // the sign-in's event_id is what ties the tokens to their grant.
  const link = revocationEnabled(client) ? { origin_jti: grant.id, event_id: eventId } : { event_id: grant.id };
  // Group claims are read when tokens are issued (sign-in, refresh), never when a token is checked: a
  // group change shows in the next tokens, and GetUser's path does not pay for it.
  const groups = groupClaims(await app.store.groups.allForUser(pool.id, user.sub));
  const access = {
    sub: user.sub,
    ...extraAccessClaims,
    ...groups.access,
    iss,
    client_id: client.id,
    ...link,
    token_use: 'access',
    scope: grant.scope,
    auth_time: authTime,
    exp: now + v.access,
    iat: now,
    jti: uuid(),
    username: user.username,
  };
  const { email_verified, ...attrs } = idTokenAttributes(user, client);
  const id = {
    sub: user.sub,
    ...groups.id,
    ...(email_verified !== undefined ? { email_verified } : {}),
    iss,
    'cognito:username': user.username,
    ...(revocationEnabled(client) ? { origin_jti: grant.id } : {}),
    aud: client.id,
    event_id: revocationEnabled(client) ? eventId : grant.id,
    token_use: 'id',
    auth_time: authTime,
    exp: now + v.id,
    iat: now,
    jti: uuid(),
    ...attrs,
  };
  customize?.(access, id); // the PreTokenGeneration trigger's answer
  const ak = await app.keys.signer(pool.id, 'access');
  const ik = await app.keys.signer(pool.id, 'id');
  const AccessToken = signJwt(access, ak.kid, ak.privateKey);
  return {
    AccessToken,
    ExpiresIn: v.access,
    TokenType: 'Bearer',
    IdToken: signJwt(idExtra ? { ...id, ...idExtra(AccessToken) } : id, ik.kid, ik.privateKey),
  };
}
