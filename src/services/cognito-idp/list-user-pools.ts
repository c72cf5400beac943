/** ListUserPools (signed): page through the pools with an opaque, sealed NextToken. */
import type { RequestContext } from '../../server/context.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import { epochSeconds } from '../../domain/user-pools.ts';

export async function listUserPools(input: { MaxResults: number; NextToken?: string }, { app }: RequestContext) {
  const after = decodePageToken(app, 'pools', input.NextToken);
  const page = await app.store.pools.list(input.MaxResults, after);
  return {
    UserPools: page.items.map((p) => ({
      Id: p.id,
      Name: p.name,
      LambdaConfig: p.config.LambdaConfig ?? {},
      LastModifiedDate: epochSeconds(p.lastModifiedAt),
      CreationDate: epochSeconds(p.createdAt),
    })),
    ...(page.next ? { NextToken: encodePageToken(app, 'pools', page.next) } : {}),
  };
}
