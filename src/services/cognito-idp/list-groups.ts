/** ListGroups (signed): pool → its groups by name, Limit (60 when absent or 0) a page, sealed NextToken. */
import type { RequestContext } from '../../server/context.ts';
import { groupShape } from '../../domain/groups.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function listGroups(input: { UserPoolId: string; Limit?: number; NextToken?: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const scope = `groups:${pool.id}`;
  const page = await app.store.groups.list(pool.id, input.Limit || 60, decodePageToken(app, scope, input.NextToken));
  return {
    Groups: page.items.map(groupShape),
    ...(page.next !== undefined ? { NextToken: encodePageToken(app, scope, page.next) } : {}),
  };
}
