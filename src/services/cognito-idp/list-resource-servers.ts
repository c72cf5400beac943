/** ListResourceServers (signed): pool → a page ordered by identifier, with a sealed NextToken. */
import type { RequestContext } from '../../server/context.ts';
import { resourceServerShape } from '../../domain/oauth/resource-servers.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function listResourceServers(input: { UserPoolId: string; MaxResults?: number; NextToken?: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const scope = `resource-servers:${pool.id}`;
  const after = decodePageToken(app, scope, input.NextToken);
  const page = await app.store.oauth.listResourceServers(pool.id, input.MaxResults ?? 50, after);
  return {
    ResourceServers: page.items.map(resourceServerShape),
    ...(page.next ? { NextToken: encodePageToken(app, scope, page.next) } : {}),
  };
}
