/** CreateIdentityPool (signed): validate the providers → store the pool → describe it. */
import { type IdentityPoolInput, createIdentityPool as create, describeIdentityPool } from '../../domain/identity-pools/pools.ts';
import type { RequestContext } from '../../server/context.ts';

export async function createIdentityPool(input: IdentityPoolInput, { app }: RequestContext) {
  const pool = await create(app, input);
  return describeIdentityPool(pool);
}
