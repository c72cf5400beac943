/** AdminSetUserSettings (signed; legacy): pool → user → MFAOptions turn SMS MFA on or off → save. */
import type { RequestContext } from '../../server/context.ts';
import { applyLegacyMfaOptions } from '../../domain/mfa/user-mfa.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminSetUserSettings(
  input: { UserPoolId: string; Username: string; MFAOptions: { DeliveryMedium?: string; AttributeName?: string }[] },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  applyLegacyMfaOptions(user, input.MFAOptions);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
