/** AdminSetUserPassword: policy → new verifier → CONFIRMED (permanent) or FORCE_CHANGE_PASSWORD; lockout cleared. */
import type { RequestContext } from '../../server/context.ts';
import { resetPasswordBrake } from '../../domain/password-brake.ts';
import { assertPasswordPolicy, makeVerifier, policyOf } from '../../domain/passwords.ts';
import { getPool } from '../../domain/user-pools.ts';
import { requireUser } from '../../domain/users.ts';
import { srpUserIdFor } from './user-input.ts';

export async function adminSetUserPassword(
  input: { UserPoolId: string; Username: string; Password: string; Permanent?: boolean },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  assertPasswordPolicy(pool, input.Password);
  const now = app.now();
  user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), input.Password);
  if (input.Permanent) {
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
  } else {
    user.status = 'FORCE_CHANGE_PASSWORD';
    user.temporaryPasswordExpiresAt = now + policyOf(pool).TemporaryPasswordValidityDays * 86_400_000;
  }
  user.lastModifiedAt = now;
  await app.store.users.update(user);
  await resetPasswordBrake(app, user);
  return {};
}
