/** UpdateResourceServer (signed): replaces name and scopes (scopes left out become none, as in Cognito). */
import type { RequestContext } from '../../server/context.ts';
import { resourceServerShape, updateResourceServer as update } from '../../domain/oauth/resource-servers.ts';
import type { ResourceServerScope } from '../../domain/oauth/types.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function updateResourceServer(
  input: { UserPoolId: string; Identifier: string; Name: string; Scopes?: ResourceServerScope[] },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const rs = await update(app, { poolId: pool.id, identifier: input.Identifier, name: input.Name, scopes: input.Scopes ?? [] });
  return { ResourceServer: resourceServerShape(rs) };
}
