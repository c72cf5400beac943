/** DeleteResourceServer (signed). Tokens already issued with its scopes keep them until they expire. */
import type { RequestContext } from '../../server/context.ts';
import { getResourceServer } from '../../domain/oauth/resource-servers.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function deleteResourceServer(input: { UserPoolId: string; Identifier: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  await getResourceServer(app, pool.id, input.Identifier);
  await app.store.oauth.deleteResourceServer(pool.id, input.Identifier);
  return {};
}
