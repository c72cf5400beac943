/**
 * Identities: GetId finds or creates the identity of a set of logins (or a fresh unauthenticated one),
 * and `authorizeIdentity` decides, for GetCredentialsForIdentity and GetOpenIdToken, whether the caller
 * may act as an identity — as the pool's authenticated or unauthenticated kind.
 */
import { NotAuthorizedException, ResourceNotFoundException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { MSG, ResourceConflictException } from './errors.ts';
import { type VerifiedLogin, verifyLogins } from './login-tokens.ts';
import { newRegionGuid, requirePool } from './pools.ts';
import type { IdentityPoolRecord, IdentityRecord } from './types.ts';

function links(verified: VerifiedLogin[]) {
  return verified.map(({ providerName, subject }) => ({ providerName, subject }));
}

/** GetId: the identity of these logins (created on first use), or a new unauthenticated identity. */
export async function getId(app: App, poolId: string, accountId: string | undefined, logins?: Record<string, string>): Promise<string> {
  // Another account's pool id is, to this account, a pool that does not exist.
  if (accountId !== undefined && accountId !== app.accountId) throw new ResourceNotFoundException(MSG.poolNotFound(poolId));
  const pool = await requirePool(app, poolId);
  const verified = await verifyLogins(app, pool, logins);
  const now = app.now();
  const fresh: IdentityRecord = { id: newRegionGuid(app), poolId, logins: [], createdAt: now, lastModifiedAt: now };
  if (verified.length === 0) {
    if (!pool.allowUnauthenticated) throw new NotAuthorizedException(MSG.unauthNotSupported);
    await app.store.identity.insertIdentity(fresh);
    return fresh.id;
  }
  const r = await app.store.identity.resolveOrCreate(fresh, links(verified), now);
  if (!r.ok) throw new ResourceConflictException(`Logins belong to different identities (${r.conflictWith}).`);
  return r.identity.id;
}

export async function requireIdentity(app: App, id: string): Promise<IdentityRecord> {
  const identity = await app.store.identity.getIdentity(id);
  if (!identity) throw new ResourceNotFoundException(MSG.identityNotFound(id));
  return identity;
}

export interface AuthorizedIdentity {
  pool: IdentityPoolRecord;
  identity: IdentityRecord;
  authenticated: boolean;
  logins: VerifiedLogin[];
}

/**
 * May the caller act as this identity? With logins: each must verify and belong to this identity (new
 * ones are linked to it). Without: only an unauthenticated identity of a pool that allows them.
 */
export async function authorizeIdentity(
  app: App,
  identityId: string,
  logins?: Record<string, string>,
  /** Checks that must pass before anything is written (e.g. the pool has the role to hand out). */
  precheck: (pool: IdentityPoolRecord, authenticated: boolean, logins: VerifiedLogin[]) => void = () => {},
): Promise<AuthorizedIdentity> {
  let identity = await requireIdentity(app, identityId);
  const pool = await requirePool(app, identity.poolId);
  const verified = await verifyLogins(app, pool, logins);
  if (verified.length === 0) {
    if (identity.logins.length > 0) throw new NotAuthorizedException(MSG.loginsDontMatch);
    if (!pool.allowUnauthenticated) throw new NotAuthorizedException(MSG.unauthNotSupported);
    precheck(pool, false, []);
    return { pool, identity, authenticated: false, logins: [] };
  }
  for (const v of verified) {
    const owner = await app.store.identity.findByLogin(pool.id, v.subject);
    if (owner !== undefined && owner !== identity.id) throw new NotAuthorizedException(MSG.loginsDontMatch);
  }
  precheck(pool, true, verified);
  const r = await app.store.identity.link(identity.id, links(verified), app.now());
  if (!r.ok) throw new NotAuthorizedException(MSG.loginsDontMatch);
  identity = r.identity;
  return { pool, identity, authenticated: true, logins: verified };
}

/** The IdentityDescription wire shape. */
export function describeIdentity(i: IdentityRecord): Record<string, unknown> {
  return {
    IdentityId: i.id,
    Logins: i.logins,
    CreationDate: i.createdAt / 1000,
    LastModifiedDate: i.lastModifiedAt / 1000,
  };
}
