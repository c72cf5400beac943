/** ListUsersInGroup (signed): pool → group → its members as UserType, by user name, with a sealed NextToken. */
import type { RequestContext } from '../../server/context.ts';
import { requireGroup } from '../../domain/groups.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import { getPool } from '../../domain/user-pools.ts';
import { userType } from '../../domain/users.ts';

export async function listUsersInGroup(
  input: { UserPoolId: string; GroupName: string; Limit?: number; NextToken?: string },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const group = await requireGroup(app, pool, input.GroupName);
  const scope = `group-users:${pool.id}:${group.name}`;
  const after = decodePageToken(app, scope, input.NextToken);
  const page = await app.store.groups.listMembers(pool.id, group.name, input.Limit || 60, after);
  return {
    Users: page.items.map(userType),
    ...(page.next !== undefined ? { NextToken: encodePageToken(app, scope, page.next) } : {}),
  };
}
