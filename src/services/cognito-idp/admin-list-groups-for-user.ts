/** AdminListGroupsForUser (signed): pool → user → the user's groups by name, paged with a sealed NextToken. */
import type { RequestContext } from '../../server/context.ts';
import { groupShape } from '../../domain/groups.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminListGroupsForUser(
  input: { UserPoolId: string; Username: string; Limit?: number; NextToken?: string },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  // The cursor is bound to the user (by sub), so it cannot page another user's groups.
  const scope = `user-groups:${pool.id}:${user.sub}`;
  const after = decodePageToken(app, scope, input.NextToken);
  const page = await app.store.groups.listForUser(pool.id, user.sub, input.Limit || 60, after);
  return {
    Groups: page.items.map(groupShape),
    ...(page.next !== undefined ? { NextToken: encodePageToken(app, scope, page.next) } : {}),
  };
}
