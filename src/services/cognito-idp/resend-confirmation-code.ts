/**
 * ResendConfirmationCode (unsigned): client + SECRET_HASH → unconfirmed user → within the user's
 * code-request limit → a new sign-up code replaces the old.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { SIGNUP_CODE_TTL_MS, sendCode, signUpTarget } from '../../domain/code-delivery.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { hidesUserExistence } from '../../domain/auth.ts';
import type { App } from '../../domain/app.ts';
import type { ClientRecord, PoolRecord } from '../../domain/types.ts';
import { simulatedDelivery } from '../../domain/user-existence.ts';
import { findUser } from '../../domain/users.ts';
import { clientFor, userMissingError } from './client-user.ts';

export async function resendConfirmationCode(input: { ClientId: string; Username: string; SecretHash?: string }, { app }: RequestContext) {
  const { client, pool } = await clientFor(app, input);
  const user = await findUser(app, pool, input.Username);
  if (!user) return unknownUser(app, client, pool, input.Username);
  if (user.status !== 'UNCONFIRMED') throw new InvalidParameterException('User is already confirmed.');
  const target = signUpTarget(pool, user);
  if (!target) throw new InvalidParameterException('Cannot resend codes. Auto verification not turned on.');
  await requireAttempt(app, limitKeys.codeRequest(pool.id, 'signup', user.sub), LIMITS.codeRequests);
  return { CodeDeliveryDetails: await sendCode(app, pool, user, 'signup', user.sub, target, SIGNUP_CODE_TTL_MS) };
}

/**
 * An unknown user: UserNotFoundException, or with PreventUserExistenceErrors=ENABLED a code "sent" to a
 * simulated destination over the medium a real user of this pool would get, within the same request limit.
 */
async function unknownUser(app: App, client: ClientRecord, pool: PoolRecord, username: string) {
  if (!hidesUserExistence(client)) throw userMissingError();
  const auto = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  if (!auto.includes('phone_number') && !auto.includes('email')) {
    throw new InvalidParameterException('Cannot resend codes. Auto verification not turned on.');
  }
  await requireAttempt(app, limitKeys.codeRequest(pool.id, 'signup', `name:${username}`), LIMITS.codeRequests);
  return { CodeDeliveryDetails: await simulatedDelivery(app, pool, username, auto.includes('phone_number') ? 'SMS' : 'EMAIL') };
}
