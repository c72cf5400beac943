/**
 * UpdateGroup (signed): pool → group → the members given replace the stored ones; members left out keep
 * their values (as Cognito's current reference describes) → GroupType. Tokens issued afterwards carry the
 * new role and precedence; tokens already issued do not change.
 */
import type { RequestContext } from '../../server/context.ts';
import { GROUP_NOT_FOUND, groupShape, requireGroup } from '../../domain/groups.ts';
import type { GroupRecord } from '../../domain/types.ts';
import { getPool } from '../../domain/user-pools.ts';
import { ResourceNotFoundException } from '../../protocol/errors.ts';

interface UpdateGroupInput {
  UserPoolId: string;
  GroupName: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
}

export async function updateGroup(input: UpdateGroupInput, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const group: GroupRecord = { ...(await requireGroup(app, pool, input.GroupName)), lastModifiedAt: app.now() };
  if (input.Description !== undefined) group.description = input.Description;
  if (input.RoleArn !== undefined) group.roleArn = input.RoleArn;
  if (input.Precedence !== undefined) group.precedence = input.Precedence;
  if (!(await app.store.groups.update(group))) throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  return { Group: groupShape(group) };
}
