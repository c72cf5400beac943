/**
 * ConfirmSignUp (unsigned): client + SECRET_HASH → user → not yet confirmed → the code matches and is in
 * date (single use) → CONFIRMED, and the attribute the code went to is verified.
 */
import { CodeMismatchException, NotAuthorizedException, UserNotFoundException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { hidesUserExistence } from '../../domain/auth.ts';
import { signUpTarget } from '../../domain/code-delivery.ts';
import { CODE_MISMATCH, consumeCode } from '../../domain/codes.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { postConfirmation } from '../../domain/triggers/sign-up.ts';
import { findUser, setAttributes } from '../../domain/users.ts';
import { COMBINATION_NOT_FOUND, clientFor } from './client-user.ts';

export async function confirmSignUp(
  input: { ClientId: string; Username: string; ConfirmationCode: string; SecretHash?: string },
  { app }: RequestContext,
) {
  const { client, pool } = await clientFor(app, input);
  const user = await findUser(app, pool, input.Username);
  if (!user) {
    // With PreventUserExistenceErrors on, an unknown user looks like a wrong code (a guess counted by name).
    if (!hidesUserExistence(client)) throw new UserNotFoundException(COMBINATION_NOT_FOUND);
    await requireAttempt(app, limitKeys.wrongCode(pool.id, 'signup', `name:${input.Username}`), LIMITS.wrongCodes);
    throw new CodeMismatchException(CODE_MISMATCH);
  }
  if (user.status !== 'UNCONFIRMED') {
    // A confirmed user has no sign-up code: hidden, any code is simply wrong, as for an unknown user.
    if (!hidesUserExistence(client)) throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
    await requireAttempt(app, limitKeys.wrongCode(pool.id, 'signup', user.sub), LIMITS.wrongCodes);
    throw new CodeMismatchException(CODE_MISMATCH);
  }
  await consumeCode(app, pool.id, 'signup', user.sub, input.ConfirmationCode);
  const target = signUpTarget(pool, user);
  user.status = 'CONFIRMED';
  if (target) setAttributes(user, [{ Name: `${target.attribute}_verified`, Value: 'true' }]);
  user.lastModifiedAt = app.now();
  await postConfirmation(app, pool, user, 'PostConfirmation_ConfirmSignUp', client.id);
  await app.store.users.update(user);
  return {};
}
