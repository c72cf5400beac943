/**
 * ChangePassword (unsigned, access token): who → the previous password is right (wrong ones count toward
 * the lockout) → the proposed one meets the policy → new verifier. As in Cognito, other sessions go on.
 */
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { MAX_FAILED_ATTEMPTS, recordFailedPassword, recordGoodPassword } from '../../domain/auth.ts';
import { assertPasswordPolicy, checkPassword, makeVerifier } from '../../domain/passwords.ts';
import { signedInUser } from './token-user.ts';
import { srpUserIdFor } from './user-input.ts';

export async function changePassword(
  input: { AccessToken: string; PreviousPassword?: string; ProposedPassword: string },
  { app }: RequestContext,
) {
  const { pool, user } = await signedInUser(app, input.AccessToken);
  if (user.lockedUntil !== undefined && user.lockedUntil > app.now() && (user.failedAttempts ?? 0) >= MAX_FAILED_ATTEMPTS) {
    throw new NotAuthorizedException('Password attempts exceeded');
  }
  if (user.password && (input.PreviousPassword === undefined || !checkPassword(pool.id, user.password, input.PreviousPassword))) {
    await recordFailedPassword(app, user);
    throw new NotAuthorizedException('Incorrect username or password.');
  }
  assertPasswordPolicy(pool, input.ProposedPassword);
  await recordGoodPassword(app, user);
  user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), input.ProposedPassword);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
