/**
 * AdminDisableUser (signed): pool → user → disabled, and every session ended (Cognito "deactivates a user
 * and revokes all access tokens"). A disabled user cannot sign in: "User is disabled.".
 */
import type { RequestContext } from '../../server/context.ts';
import { signOutEverywhere } from '../../domain/revocation.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminDisableUser(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  user.enabled = false;
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  await signOutEverywhere(app, pool.id, user.sub);
  return {};
}
