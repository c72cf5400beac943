/** UpdateIdentityPool (signed): find the pool → replace its settings → describe it. */
import { type IdentityPoolInput, describeIdentityPool, updateIdentityPool as update } from '../../domain/identity-pools/pools.ts';
import type { RequestContext } from '../../server/context.ts';

export async function updateIdentityPool(input: IdentityPoolInput & { IdentityPoolId: string }, { app }: RequestContext) {
  return describeIdentityPool(await update(app, input.IdentityPoolId, input));
}
