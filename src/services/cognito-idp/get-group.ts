/** GetGroup (signed): pool → group → GroupType. */
import type { RequestContext } from '../../server/context.ts';
import { groupShape, requireGroup } from '../../domain/groups.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function getGroup(input: { UserPoolId: string; GroupName: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  return { Group: groupShape(await requireGroup(app, pool, input.GroupName)) };
}
