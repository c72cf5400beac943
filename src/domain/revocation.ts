/**
 * The one revocation mechanism. A grant (one sign-in) is the unit: RevokeToken revokes one grant; global
 * sign-out, disabling, deleting or resetting a user bumps the user's generation, which ends every grant
 * issued under an older one in O(1). Every endpoint that accepts a token asks here; the answer always
 * comes from the store, so it holds across restarts and across worker processes.
 */
import { timingSafeEqual } from 'node:crypto';
import { NotAuthorizedException, INVALID_ACCESS_TOKEN } from '../protocol/errors.ts';
import type { GrantState, GrantStateWithUser, UserWithoutPassword } from '../store/port.ts';
import type { App } from './app.ts';
import { uuid } from './ids.ts';
import { JwtError, decodeJwt, verifyRs256 } from './jwt.ts';
import { ADMIN_SCOPE, makeRefreshToken, parseRefreshToken } from './tokens.ts';
import type { ClientRecord, GrantRecord, PoolRecord, UserRecord } from './types.ts';
import { validity } from './user-pools.ts';

/** Why a grant no longer counts, or 'active'. */
export type GrantVerdict = 'active' | 'revoked' | 'expired' | 'missing';

/** Decides whether a grant is still alive. Revocation takes precedence over expiry. */
export function judgeGrant(state: GrantState | undefined, now: number): GrantVerdict {
  if (!state) return 'missing';
  const { grant } = state;
  if (grant.revokedAt !== undefined) return 'revoked';
  if (state.userGeneration === undefined) return 'revoked'; // the user was deleted
  if (grant.generation < state.userGeneration) return 'revoked'; // signed out globally since
  if (state.userEnabled === false) return 'revoked';
  if (grant.expiresAt <= now) return 'expired';
  return 'active';
}

export async function grantVerdict(app: App, grantId: string): Promise<{ verdict: GrantVerdict; state?: GrantState }> {
  const state = await app.store.grants.state(grantId);
  return { verdict: judgeGrant(state, app.now()), ...(state ? { state } : {}) };
}

/** Starts a grant for a fresh sign-in and returns it with its refresh token. */
export async function startGrant(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  scope = ADMIN_SCOPE,
): Promise<{ grant: GrantRecord; refreshToken: string }> {
  const now = app.now();
  const id = uuid();
  const { token, hash } = makeRefreshToken(id);
  const grant: GrantRecord = {
    id,
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    generation: user.generation,
    refreshHash: hash,
    scope,
    authTime: now,
    createdAt: now,
    expiresAt: now + validity(client).refresh * 1000,
  };
  await app.store.grants.insert(grant);
  return { grant, refreshToken: token };
}

export interface AuthenticatedAccess {
  claims: Record<string, unknown>;
  poolId: string;
  grant: GrantRecord;
}

/** A token whose signature, issuer, key and token_use were checked, with what each request reads from it. */
interface VerifiedAccessToken {
  token: string;
  claims: Record<string, unknown>;
  poolId: string;
  grantId: unknown;
  scopes: readonly string[];
}

// Signature checks are pure, so a verified token's claims may be remembered; revocation never is.
// Keyed by the token's last characters (signature bytes): hashing a fresh ~1 KB string for a Map lookup
// costs more than the rest of the lookup, and a hit is only a hit when the whole token is equal.
const verifiedCache = new Map<string, VerifiedAccessToken>();
const CACHE_MAX = 20_000;
const cacheKey = (token: string) => token.slice(-32);

function cachedVerification(token: string): VerifiedAccessToken | undefined {
  const hit = verifiedCache.get(cacheKey(token));
  return hit !== undefined && hit.token === token ? hit : undefined;
}

/** Structure, algorithm, issuer (→ pool), token_use, key and signature; remembered once they pass. */
async function verifyAccessToken(app: App, token: string): Promise<VerifiedAccessToken> {
  let jwt: ReturnType<typeof decodeJwt>;
  try {
    jwt = decodeJwt(token);
  } catch {
    throw new NotAuthorizedException(INVALID_ACCESS_TOKEN);
  }
  const poolId = app.poolIdFromIssuer(jwt.payload.iss);
  if (!poolId || jwt.header.alg !== 'RS256' || typeof jwt.header.kid !== 'string' || jwt.payload.token_use !== 'access') {
    throw new NotAuthorizedException(INVALID_ACCESS_TOKEN);
  }
  const key = await app.keys.verifier(poolId, jwt.header.kid, 'access');
  let ok = false;
  try {
    ok = key !== undefined && verifyRs256(jwt, key.publicKey);
  } catch (e) {
    if (!(e instanceof JwtError)) throw e;
  }
  if (!ok) throw new NotAuthorizedException(INVALID_ACCESS_TOKEN);
  const claims: Record<string, unknown> = { ...jwt.payload, __pool: poolId };
  const verified: VerifiedAccessToken = {
    token,
    claims,
    poolId,
    grantId: claims.origin_jti ?? claims.event_id,
    scopes: String(claims.scope ?? '').split(' '),
  };
  const slot = cacheKey(token);
  if (!verifiedCache.has(slot) && verifiedCache.size >= CACHE_MAX) verifiedCache.delete(verifiedCache.keys().next().value as string);
  verifiedCache.set(slot, verified);
  return verified;
}

/** The verified token's grant id; a token without one was never ours. */
function grantIdOf(v: VerifiedAccessToken): string {
  if (typeof v.grantId !== 'string') throw new NotAuthorizedException(INVALID_ACCESS_TOKEN);
  return v.grantId;
}

/** The per-request half: revocation (from the store, just read), expiry, pool and subject, scope. */
function admit<S extends GrantState>(app: App, v: VerifiedAccessToken, state: S | undefined, requiredScope: string | null): S {
  const verdict = judgeGrant(state, app.now());
  // A grant that expired (refresh validity over) does not end access tokens that are still in date.
  if (verdict === 'revoked' || verdict === 'missing' || !state) throw new NotAuthorizedException('Access Token has been revoked');
  if ((v.claims.exp as number) * 1000 <= app.now()) throw new NotAuthorizedException('Access Token has expired');
  if (state.grant.poolId !== v.poolId || state.grant.sub !== v.claims.sub) throw new NotAuthorizedException(INVALID_ACCESS_TOKEN);
  if (requiredScope && !v.scopes.includes(requiredScope)) {
    throw new NotAuthorizedException('Access Token does not have required scopes');
  }
  return state;
}

/**
 * Authenticates an access token for a token-authorised user-pool operation: structure, algorithm, key,
 * signature, issuer, pool, token_use, revocation, expiry, scope — with Cognito's messages.
 */
export async function authenticateAccessToken(
  app: App,
  token: string,
  requiredScope: string | null = ADMIN_SCOPE,
): Promise<AuthenticatedAccess> {
  const v = cachedVerification(token) ?? (await verifyAccessToken(app, token));
  const state = admit(app, v, await app.store.grants.state(grantIdOf(v)), requiredScope);
  return { claims: v.claims, poolId: v.poolId, grant: state.grant };
}

/**
 * `authenticateAccessToken` that also returns the token's user (without its password verifier), read
 * with the revocation state in one store call (GetUser's hot path). A deleted user reads as a revoked grant.
 */
export async function authenticateAccessTokenWithUser(
  app: App,
  token: string,
  requiredScope: string | null = ADMIN_SCOPE,
): Promise<AuthenticatedAccess & { user: UserWithoutPassword }> {
  const v = cachedVerification(token) ?? (await verifyAccessToken(app, token));
  const state = admit<GrantStateWithUser>(app, v, await app.store.grants.stateWithUser(grantIdOf(v)), requiredScope);
  if (!state.user) throw new NotAuthorizedException('Access Token has been revoked');
  return { claims: v.claims, poolId: v.poolId, grant: state.grant, user: state.user };
}

/**
 * Checks a refresh token presented by `client`: "Invalid Refresh Token" when it is not one of ours or
 * belongs to another client, "Refresh Token has been revoked" after RevokeToken or sign-out, "Refresh
 * Token has expired" past its validity.
 */
export async function checkRefreshToken(app: App, client: ClientRecord, token: string): Promise<GrantState> {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw new NotAuthorizedException('Invalid Refresh Token');
  const state = await app.store.grants.state(parsed.grantId);
  if (!state || !safeEqualHex(state.grant.refreshHash, parsed.secretHash) || state.grant.clientId !== client.id) {
    throw new NotAuthorizedException('Invalid Refresh Token');
  }
  const verdict = judgeGrant(state, app.now());
  if (verdict === 'revoked') throw new NotAuthorizedException('Refresh Token has been revoked');
  if (verdict === 'expired') throw new NotAuthorizedException('Refresh Token has expired');
  return state;
}

/** Rotates a grant's refresh token (when the client has rotation on). */
export async function rotateRefreshToken(app: App, state: GrantState): Promise<string | undefined> {
  const { token, hash } = makeRefreshToken(state.grant.id);
  return (await app.store.grants.rotate(state.grant.id, state.grant.refreshHash, hash)) ? token : undefined;
}

/** RevokeToken: ends one grant and every token issued from it. */
export async function revokeGrant(app: App, grantId: string): Promise<void> {
  await app.store.grants.revoke(grantId, app.now());
}

/** Global sign-out: ends every grant the user has, in O(1). */
export async function signOutEverywhere(app: App, poolId: string, sub: string): Promise<void> {
  await app.store.users.bumpGeneration(poolId, sub, app.now());
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
