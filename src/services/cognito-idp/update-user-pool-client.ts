/**
 * UpdateUserPoolClient (signed): pool → client → replace its configuration. As in Cognito, a member
 * the request leaves out goes back to its default (it is not kept); the name and secret are kept.
 */
import type { RequestContext } from '../../server/context.ts';
import { getClient, getPool } from '../../domain/user-pools.ts';
import { checkClientOAuth } from '../../domain/oauth/client-settings.ts';
import { forgetClient } from '../../domain/client-permissions.ts';
import { assertClientAttributes } from './client-attributes.ts';
import { clientConfigFrom, clientShape } from './client-shape.ts';

export async function updateUserPoolClient(input: Record<string, unknown>, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId as string);
  const client = await getClient(app, pool.id, input.ClientId as string);
  const config = clientConfigFrom(input);
  assertClientAttributes(pool, config, 'updating');
  await checkClientOAuth(app, pool.id, config, client.secretSealed !== undefined);
  client.config = config;
  if (typeof input.ClientName === 'string') client.name = input.ClientName;
  client.lastModifiedAt = app.now();
  await app.store.clients.update(client);
  forgetClient(app, client.id);
  return { UserPoolClient: clientShape(app, client) };
}
