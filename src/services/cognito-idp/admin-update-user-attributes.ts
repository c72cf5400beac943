/** AdminUpdateUserAttributes (signed): pool → user → schema, aliases, re-verification of changed e-mail/phone. */
import type { RequestContext } from '../../server/context.ts';
import type { AttributeType } from '../../domain/types.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';
import { updateAttributes } from './user-attributes.ts';

export async function adminUpdateUserAttributes(
  input: { UserPoolId: string; Username: string; UserAttributes: AttributeType[] },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  await updateAttributes(app, pool, user, input.UserAttributes);
  return {};
}
