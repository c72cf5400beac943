/**
 * AdminDeleteUser (signed): pool → user → end every session, then delete the user with its grants and
 * codes. Its access tokens answer "Access Token has been revoked"; its refresh tokens are unknown.
 */
import type { RequestContext } from '../../server/context.ts';
import { signOutEverywhere } from '../../domain/revocation.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminDeleteUser(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  await signOutEverywhere(app, pool.id, user.sub);
  await app.store.users.delete(pool.id, user.sub);
  return {};
}
