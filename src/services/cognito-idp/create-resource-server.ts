/** CreateResourceServer (signed): pool → identifier free, scopes distinct, quota → stored. */
import type { RequestContext } from '../../server/context.ts';
import { createResourceServer as create, resourceServerShape } from '../../domain/oauth/resource-servers.ts';
import type { ResourceServerScope } from '../../domain/oauth/types.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function createResourceServer(
  input: { UserPoolId: string; Identifier: string; Name: string; Scopes?: ResourceServerScope[] },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const rs = await create(app, { poolId: pool.id, identifier: input.Identifier, name: input.Name, scopes: input.Scopes ?? [] });
  return { ResourceServer: resourceServerShape(rs) };
}
