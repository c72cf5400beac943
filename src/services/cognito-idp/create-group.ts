/** CreateGroup (signed): pool → a new group, unique by (case-sensitive) name → GroupType. */
import type { RequestContext } from '../../server/context.ts';
import { groupShape } from '../../domain/groups.ts';
import type { GroupRecord } from '../../domain/types.ts';
import { getPool } from '../../domain/user-pools.ts';
import { GroupExistsException } from '../../protocol/errors.ts';

interface CreateGroupInput {
  UserPoolId: string;
  GroupName: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
}

export async function createGroup(input: CreateGroupInput, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const now = app.now();
  const group: GroupRecord = { poolId: pool.id, name: input.GroupName, createdAt: now, lastModifiedAt: now };
  if (input.Description !== undefined) group.description = input.Description;
  if (input.RoleArn !== undefined) group.roleArn = input.RoleArn;
  if (input.Precedence !== undefined) group.precedence = input.Precedence;
  if (!(await app.store.groups.insert(group))) {
    throw new GroupExistsException(`A group with the name ${input.GroupName} already exists.`);
  }
  return { Group: groupShape(group) };
}
