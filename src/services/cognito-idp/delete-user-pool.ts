/**
 * DeleteUserPool (signed): pool → deletion protection off → delete the pool with its clients, users,
 * grants, codes and signing keys. Its tokens then verify against no key ("Invalid Access Token") and its
 * refresh tokens name a client that no longer exists.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function deleteUserPool(input: { UserPoolId: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  if (pool.config.DeletionProtection === 'ACTIVE') {
    throw new InvalidParameterException(
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  }
  await app.store.pools.delete(pool.id);
  return {};
}
