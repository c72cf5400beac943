/** AdminGetUser (signed): pool → user (by name or alias) → AdminGetUser's shape. */
import type { RequestContext } from '../../server/context.ts';
import { getPool } from '../../domain/user-pools.ts';
import { adminGetUserShape, requireUser } from '../../domain/users.ts';

export async function adminGetUser(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  return adminGetUserShape(await requireUser(app, pool, input.Username));
}
