/**
 * DeleteUserPoolClient (signed): pool → client → revoke every grant of the client, then delete it.
 * Its access tokens answer "Access Token has been revoked"; its refresh tokens name a client that no
 * longer exists (ResourceNotFoundException) or, presented to another client, "Invalid Refresh Token".
 */
import type { RequestContext } from '../../server/context.ts';
import { getClient, getPool } from '../../domain/user-pools.ts';

export async function deleteUserPoolClient(input: { UserPoolId: string; ClientId: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const client = await getClient(app, pool.id, input.ClientId);
  // Revoke first: if the delete fails, the client's sessions are already over, never the other way round.
  await app.store.grants.revokeByClient(pool.id, client.id, app.now());
  await app.store.clients.delete(pool.id, client.id);
  return {};
}
