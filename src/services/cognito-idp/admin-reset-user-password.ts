/**
 * AdminResetUserPassword (signed): pool → user → RESET_REQUIRED (sign-in answers
 * PasswordResetRequiredException until ConfirmForgotPassword sets a new password) and a reset code to the
 * user's verified e-mail or phone through the outbox. A user with neither cannot be reset this way.
 */
import type { RequestContext } from '../../server/context.ts';
import { FORGOT_PASSWORD_CODE_TTL_MS, type DeliveryTarget, sendCode } from '../../domain/code-delivery.ts';
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { UserRecord } from '../../domain/types.ts';
import { getPool } from '../../domain/user-pools.ts';
import { attr, requireUser } from '../../domain/users.ts';

/** A verified e-mail, else a verified phone: where an administrator's reset sends its code. */
function verifiedTarget(user: UserRecord): DeliveryTarget | undefined {
  const email = attr(user, 'email');
  if (email && attr(user, 'email_verified') === 'true') return { medium: 'EMAIL', attribute: 'email', value: email };
  const phone = attr(user, 'phone_number');
  if (phone && attr(user, 'phone_number_verified') === 'true') return { medium: 'SMS', attribute: 'phone_number', value: phone };
  return undefined;
}

export async function adminResetUserPassword(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  const target = verifiedTarget(user);
  if (!target) {
    throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
  }
  user.status = 'RESET_REQUIRED';
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  await sendCode(app, pool, user, 'forgot-password', user.sub, target, FORGOT_PASSWORD_CODE_TTL_MS);
  return {};
}
