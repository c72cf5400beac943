/** AdminUserGlobalSignOut (signed): pool → user → end every grant of the user. */
import type { RequestContext } from '../../server/context.ts';
import { signOutEverywhere } from '../../domain/revocation.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminUserGlobalSignOut(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  await signOutEverywhere(app, pool.id, user.sub);
  return {};
}
