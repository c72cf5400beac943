/** AdminDeleteUserAttributes (signed): pool → user → remove the named attributes (never sub or required ones). */
import type { RequestContext } from '../../server/context.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';
import { deleteAttributes } from './user-attributes.ts';

export async function adminDeleteUserAttributes(
  input: { UserPoolId: string; Username: string; UserAttributeNames: string[] },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  await deleteAttributes(app, pool, user, input.UserAttributeNames);
  return {};
}
