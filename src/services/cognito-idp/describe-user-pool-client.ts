/** DescribeUserPoolClient. */
import type { RequestContext } from '../../server/context.ts';
import { getClient, getPool } from '../../domain/user-pools.ts';
import { clientShape } from './client-shape.ts';

export async function describeUserPoolClient(input: { UserPoolId: string; ClientId: string }, { app }: RequestContext) {
  await getPool(app, input.UserPoolId);
  return { UserPoolClient: clientShape(app, await getClient(app, input.UserPoolId, input.ClientId)) };
}
