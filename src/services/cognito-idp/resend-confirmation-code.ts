/**
 * ResendConfirmationCode (unsigned): client + SECRET_HASH → unconfirmed user → within the user's
 * code-request limit → a new sign-up code replaces the old.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { SIGNUP_CODE_TTL_MS, sendCode, signUpTarget } from '../../domain/code-delivery.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { clientFor, userFor } from './client-user.ts';

export async function resendConfirmationCode(input: { ClientId: string; Username: string; SecretHash?: string }, { app }: RequestContext) {
  const { pool } = await clientFor(app, input);
  const user = await userFor(app, pool, input.Username);
  if (user.status !== 'UNCONFIRMED') throw new InvalidParameterException('User is already confirmed.');
  const target = signUpTarget(pool, user);
  if (!target) throw new InvalidParameterException('Cannot resend codes. Auto verification not turned on.');
  await requireAttempt(app, limitKeys.codeRequest(pool.id, 'signup', user.sub), LIMITS.codeRequests);
  return { CodeDeliveryDetails: await sendCode(app, pool, user, 'signup', user.sub, target, SIGNUP_CODE_TTL_MS) };
}
