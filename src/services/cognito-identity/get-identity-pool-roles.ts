/** GetIdentityPoolRoles (signed): the pool's roles and role mappings. */
import { requirePool } from '../../domain/identity-pools/pools.ts';
import type { RequestContext } from '../../server/context.ts';

export async function getIdentityPoolRoles(input: { IdentityPoolId: string }, { app }: RequestContext) {
  const pool = await requirePool(app, input.IdentityPoolId);
  return {
    IdentityPoolId: pool.id,
    Roles: pool.roles,
    ...(pool.roleMappings ? { RoleMappings: pool.roleMappings } : {}),
  };
}
