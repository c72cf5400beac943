/** DescribeIdentityPool (signed): find the pool → describe it. */
import { describeIdentityPool as describe, requirePool } from '../../domain/identity-pools/pools.ts';
import type { RequestContext } from '../../server/context.ts';

export async function describeIdentityPool(input: { IdentityPoolId: string }, { app }: RequestContext) {
  return describe(await requirePool(app, input.IdentityPoolId));
}
