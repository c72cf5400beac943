/** DescribeUserPool. */
import type { RequestContext } from '../../server/context.ts';
import { getPool, poolShape } from '../../domain/user-pools.ts';

export async function describeUserPool(input: { UserPoolId: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  return { UserPool: poolShape(app, pool) };
}
