/** DescribeResourceServer (signed). */
import type { RequestContext } from '../../server/context.ts';
import { getResourceServer, resourceServerShape } from '../../domain/oauth/resource-servers.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function describeResourceServer(input: { UserPoolId: string; Identifier: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  return { ResourceServer: resourceServerShape(await getResourceServer(app, pool.id, input.Identifier)) };
}
