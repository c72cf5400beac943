/**
 * Verifies the `Logins` map of GetId / GetCredentialsForIdentity / GetOpenIdToken. A user-pool ID token
 * is checked in full — structure, issuer = the provider named, a configured client (`aud`), RS256 with the
 * pool's ID-token key, token_use = id — then, for a provider with ServerSideTokenCheck, the revocation
 * module is asked whether the token's sign-in still stands (revocation wins over expiry), and last the
 * expiry against app.now(). Every failure is NotAuthorizedException with the service's "Invalid login
 * token. …" messages.
 */
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { type DecodedJwt, JwtError, decodeJwt, verifyRs256 } from '../jwt.ts';
import { grantVerdict } from '../revocation.ts';
import { MSG } from './errors.ts';
import { userPoolIdOfProvider } from './providers.ts';
import type { CognitoProviderConfig, IdentityPoolRecord, LoginLink } from './types.ts';

export interface VerifiedLogin extends LoginLink {
  userPoolId: string;
  clientId: string;
  claims: Record<string, unknown>;
}

function decode(token: string): DecodedJwt {
  try {
    return decodeJwt(token);
  } catch (e) {
    if (e instanceof JwtError) throw new NotAuthorizedException(MSG.notOidcToken);
    throw e;
  }
}

/** The pool's entry for this user pool and client, if the pool trusts it. */
function configuredEntry(app: App, pool: IdentityPoolRecord, userPoolId: string, aud: string): CognitoProviderConfig | undefined {
  return (pool.cognitoIdentityProviders ?? []).find((e) => e.ClientId === aud && userPoolIdOfProvider(app, e.ProviderName) === userPoolId);
}

async function checkSignature(app: App, userPoolId: string, jwt: DecodedJwt): Promise<void> {
  // The algorithm and the key (this pool's ID-token key) are pinned before the signature is checked.
  if (jwt.header.alg !== 'RS256' || typeof jwt.header.kid !== 'string') throw new NotAuthorizedException(MSG.badSignature);
  const key = await app.keys.verifier(userPoolId, jwt.header.kid, 'id');
  let ok = false;
  try {
    ok = key !== undefined && verifyRs256(jwt, key.publicKey);
  } catch (e) {
    if (!(e instanceof JwtError)) throw e;
  }
  if (!ok || jwt.payload.token_use !== 'id') throw new NotAuthorizedException(MSG.badSignature);
}

/** ServerSideTokenCheck: the sign-in the token descends from must not have been ended. */
async function checkNotRevoked(app: App, userPoolId: string, claims: Record<string, unknown>): Promise<void> {
  const grantId = claims.origin_jti ?? claims.event_id;
  if (typeof grantId !== 'string') throw new NotAuthorizedException(MSG.revoked);
  const { verdict, state } = await grantVerdict(app, grantId);
  // 'expired' only means the refresh token's validity is over; the ID token's own exp is checked next.
  if (verdict === 'revoked' || verdict === 'missing' || !state) throw new NotAuthorizedException(MSG.revoked);
  if (state.grant.poolId !== userPoolId || state.grant.sub !== claims.sub) throw new NotAuthorizedException(MSG.revoked);
}

/** Verifies one Logins entry. */
export async function verifyLogin(app: App, pool: IdentityPoolRecord, providerName: string, token: string): Promise<VerifiedLogin> {
  const jwt = decode(token);
  const claims = jwt.payload;
  const userPoolId = userPoolIdOfProvider(app, providerName);
  if (!userPoolId || app.poolIdFromIssuer(claims.iss) !== userPoolId) throw new NotAuthorizedException(MSG.issuerMismatch);
  if (typeof claims.aud !== 'string') throw new NotAuthorizedException(MSG.missingAud);
  const entry = configuredEntry(app, pool, userPoolId, claims.aud);
  if (!entry) throw new NotAuthorizedException(MSG.notSupportedProvider);
  await checkSignature(app, userPoolId, jwt);
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw new NotAuthorizedException(MSG.badSignature);
  if (entry.ServerSideTokenCheck) await checkNotRevoked(app, userPoolId, claims);
  const now = Math.floor(app.now() / 1000);
  if (now >= claims.exp) throw new NotAuthorizedException(MSG.expired(now, claims.exp));
  return { providerName: entry.ProviderName, subject: `${userPoolId}:${claims.sub}`, userPoolId, clientId: entry.ClientId, claims };
}

/** Verifies every Logins entry (all must pass); one result per distinct user. */
export async function verifyLogins(
  app: App,
  pool: IdentityPoolRecord,
  logins: Record<string, string> | undefined,
): Promise<VerifiedLogin[]> {
  const out = new Map<string, VerifiedLogin>();
  for (const [provider, token] of Object.entries(logins ?? {})) {
    const v = await verifyLogin(app, pool, provider, token);
    if (!out.has(v.subject)) out.set(v.subject, v);
  }
  return [...out.values()];
}
