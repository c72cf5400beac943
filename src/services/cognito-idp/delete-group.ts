/** DeleteGroup (signed): pool → the group and its memberships go. Tokens already issued keep their claims. */
import type { RequestContext } from '../../server/context.ts';
import { GROUP_NOT_FOUND } from '../../domain/groups.ts';
import { getPool } from '../../domain/user-pools.ts';
import { ResourceNotFoundException } from '../../protocol/errors.ts';

export async function deleteGroup(input: { UserPoolId: string; GroupName: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  if (!(await app.store.groups.delete(pool.id, input.GroupName))) throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  return {};
}
