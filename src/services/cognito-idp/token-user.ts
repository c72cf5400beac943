/**
 * The first step of every operation authorised by an access token: ask domain/revocation (signature,
 * pool, token_use, revocation, expiry, scope), then load the pool, the user and the app client the
 * token was issued to.
 */
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { authenticateAccessToken } from '../../domain/revocation.ts';
import type { ClientRecord, GrantRecord, PoolRecord, UserRecord } from '../../domain/types.ts';

export interface SignedInUser {
  pool: PoolRecord;
  user: UserRecord;
  client: ClientRecord | undefined;
  grant: GrantRecord;
}

export async function signedInUser(app: App, accessToken: string): Promise<SignedInUser> {
  const { poolId, claims, grant } = await authenticateAccessToken(app, accessToken);
  const pool = await app.store.pools.get(poolId);
  const user = pool ? await app.store.users.getBySub(poolId, claims.sub as string) : undefined;
  // A grant outlives neither its pool nor its user; this only closes a race with a concurrent delete.
  if (!pool || !user) throw new NotAuthorizedException('Access Token has been revoked');
  const client = await app.store.clients.get(poolId, grant.clientId);
  return { pool, user, client, grant };
}
