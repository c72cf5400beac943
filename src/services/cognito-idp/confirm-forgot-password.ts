/**
 * ConfirmForgotPassword (unsigned): client + SECRET_HASH → user → new password meets the policy → the
 * reset code matches and is in date (single use) → new verifier, CONFIRMED, lockout cleared.
 *
 * Sessions: Cognito does not end the user's existing sessions here (sign-out after a reset is a long-open
 * request against Amplify, aws-amplify/amplify-js#6559), so neither does Cognate; call GlobalSignOut or
 * AdminUserGlobalSignOut to end them.
 */
import { CodeMismatchException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { hidesUserExistence } from '../../domain/auth.ts';
import { CODE_MISMATCH, consumeCode } from '../../domain/codes.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { resetPasswordBrake } from '../../domain/password-brake.ts';
import { findUser } from '../../domain/users.ts';
import { assertPasswordPolicy, makeVerifier } from '../../domain/passwords.ts';
import { postConfirmation } from '../../domain/triggers/sign-up.ts';
import { clientFor, userMissingError } from './client-user.ts';
import { srpUserIdFor } from './user-input.ts';

export async function confirmForgotPassword(
  input: { ClientId: string; Username: string; ConfirmationCode: string; Password: string; SecretHash?: string },
  { app }: RequestContext,
) {
  const { client, pool } = await clientFor(app, input);
  const user = await findUser(app, pool, input.Username);
  if (!user) {
    if (!hidesUserExistence(client)) throw userMissingError();
    // As for a real user: the password policy, then a guess counted against the name, then a wrong code.
    assertPasswordPolicy(pool, input.Password);
    await requireAttempt(app, limitKeys.wrongCode(pool.id, 'forgot-password', `name:${input.Username}`), LIMITS.wrongCodes);
    throw new CodeMismatchException(CODE_MISMATCH);
  }
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  assertPasswordPolicy(pool, input.Password);
  await consumeCode(app, pool.id, 'forgot-password', user.sub, input.ConfirmationCode);
  user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), input.Password);
  user.status = 'CONFIRMED';
  delete user.temporaryPasswordExpiresAt;
  user.lastModifiedAt = app.now();
  await postConfirmation(app, pool, user, 'PostConfirmation_ConfirmForgotPassword', client.id);
  await app.store.users.update(user);
  await resetPasswordBrake(app, user);
  return {};
}
