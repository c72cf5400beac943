/**
 * ChangePassword (unsigned, access token): who → the previous password is right (checked past the same
 * brake as sign-in: wrong ones count toward the lockout) → the proposed one meets the policy → new
 * verifier. As in Cognito, other sessions go on.
 */
import type { RequestContext } from '../../server/context.ts';
import { brakeKeys, claimPasswordCheck, resetPasswordBrake, wrongPasswordError } from '../../domain/password-brake.ts';
import { assertPasswordPolicy, checkPassword, makeVerifier } from '../../domain/passwords.ts';
import { signedInUser } from './token-user.ts';
import { srpUserIdFor } from './user-input.ts';

export async function changePassword(
  input: { AccessToken: string; PreviousPassword?: string; ProposedPassword: string },
  { app }: RequestContext,
) {
  const { pool, user } = await signedInUser(app, input.AccessToken);
  if (user.password) {
    const check = await claimPasswordCheck(app, brakeKeys.user(user));
    if (input.PreviousPassword === undefined || !checkPassword(pool.id, user.password, input.PreviousPassword)) {
      throw wrongPasswordError(check);
    }
    await resetPasswordBrake(app, user);
  }
  assertPasswordPolicy(pool, input.ProposedPassword);
  user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), input.ProposedPassword);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
