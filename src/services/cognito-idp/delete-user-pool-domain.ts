/** DeleteUserPoolDomain (signed): pool → the domain is the pool's → deleted; its pages stop answering. */
import type { RequestContext } from '../../server/context.ts';
import { deleteDomain } from '../../domain/oauth/domains.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function deleteUserPoolDomain(input: { Domain: string; UserPoolId: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  await deleteDomain(app, input.Domain, pool.id);
  return {};
}
