/** AdminRemoveUserFromGroup (signed): pool → user → group → the membership ends (a non-member is no error). */
import type { RequestContext } from '../../server/context.ts';
import { requireGroup } from '../../domain/groups.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminRemoveUserFromGroup(
  input: { UserPoolId: string; Username: string; GroupName: string },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  const group = await requireGroup(app, pool, input.GroupName);
  await app.store.groups.removeMember(pool.id, group.name, user.sub);
  return {};
}
