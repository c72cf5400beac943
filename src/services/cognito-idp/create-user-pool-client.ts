/** CreateUserPoolClient: validate → pool exists → client with defaults (secret sealed at rest). */
import type { RequestContext } from '../../server/context.ts';
import { newClientId, newClientSecret } from '../../domain/ids.ts';
import { getPool } from '../../domain/user-pools.ts';
import type { ClientRecord } from '../../domain/types.ts';
import { checkClientOAuth } from '../../domain/oauth/client-settings.ts';
import { assertClientAttributes } from './client-attributes.ts';
import { clientConfigFrom, clientShape } from './client-shape.ts';

export async function createUserPoolClient(input: Record<string, unknown>, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId as string);
  const config = clientConfigFrom(input);
  assertClientAttributes(pool, config, 'creating');
  const secret =
    typeof input.ClientSecret === 'string' ? input.ClientSecret : input.GenerateSecret === true ? newClientSecret() : undefined;
  await checkClientOAuth(app, pool.id, config, secret !== undefined);
  const now = app.now();
  const client: ClientRecord = {
    id: newClientId(),
    poolId: pool.id,
    name: input.ClientName as string,
    createdAt: now,
    lastModifiedAt: now,
    config,
    ...(secret ? { secretSealed: app.sealer.seal(secret) } : {}),
  };
  await app.store.clients.insert(client);
  return { UserPoolClient: clientShape(app, client) };
}
