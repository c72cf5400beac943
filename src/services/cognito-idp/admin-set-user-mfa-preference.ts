/** AdminSetUserMFAPreference (signed): pool → user → apply the factor settings → save. */
import type { RequestContext } from '../../server/context.ts';
import { applyMfaPreference, type MfaPreferenceInput } from '../../domain/mfa/user-mfa.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminSetUserMfaPreference(
  input: MfaPreferenceInput & { UserPoolId: string; Username: string },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  applyMfaPreference(user, input);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
