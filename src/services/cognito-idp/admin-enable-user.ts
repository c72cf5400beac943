/** AdminEnableUser (signed): pool → user → enabled. Sessions ended by the disable stay ended. */
import type { RequestContext } from '../../server/context.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminEnableUser(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  user.enabled = true;
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
