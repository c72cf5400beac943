/** DeleteIdentityPool (signed): delete the pool with its identities; unknown pool → ResourceNotFound. */
import { MSG } from '../../domain/identity-pools/errors.ts';
import { ResourceNotFoundException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';

export async function deleteIdentityPool(input: { IdentityPoolId: string }, { app }: RequestContext) {
  if (!(await app.store.identity.deletePool(input.IdentityPoolId))) {
    throw new ResourceNotFoundException(MSG.poolNotFound(input.IdentityPoolId));
  }
  return {};
}
