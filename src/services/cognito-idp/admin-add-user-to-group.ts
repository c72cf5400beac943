/**
 * AdminAddUserToGroup (signed): pool → user (by name or alias) → group → membership (adding twice is
 * harmless). The user's tokens issued afterwards, by sign-in or refresh, name the group.
 */
import type { RequestContext } from '../../server/context.ts';
import { GROUP_NOT_FOUND, requireGroup } from '../../domain/groups.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';
import { ResourceNotFoundException } from '../../protocol/errors.ts';

export async function adminAddUserToGroup(input: { UserPoolId: string; Username: string; GroupName: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  const group = await requireGroup(app, pool, input.GroupName);
  // False when the group was deleted since it was read: nothing was written.
  if (!(await app.store.groups.addMember(pool.id, group.name, user))) throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  return {};
}
