/** ListUserPoolClients (signed): pool → a page of {ClientId, UserPoolId, ClientName} with a sealed NextToken. */
import type { RequestContext } from '../../server/context.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function listUserPoolClients(input: { UserPoolId: string; MaxResults?: number; NextToken?: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const scope = `clients:${pool.id}`;
  const after = decodePageToken(app, scope, input.NextToken);
  const page = await app.store.clients.list(pool.id, input.MaxResults ?? 60, after);
  return {
    UserPoolClients: page.items.map((c) => ({ ClientId: c.id, UserPoolId: c.poolId, ClientName: c.name })),
    ...(page.next ? { NextToken: encodePageToken(app, scope, page.next) } : {}),
  };
}
