/**
 * ForgotPassword (unsigned): client + SECRET_HASH → user → enabled → a verified recovery address →
 * within the user's code-request limit → a reset code (one hour, hashed at rest, plaintext to the outbox). The old password keeps working until
 * ConfirmForgotPassword, as in Cognito.
 */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { FORGOT_PASSWORD_CODE_TTL_MS, recoveryTarget, sendCode } from '../../domain/code-delivery.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { findOrMigrateUser } from '../../domain/triggers/migration.ts';
import { clientFor, userFor } from './client-user.ts';

export async function forgotPassword(input: { ClientId: string; Username: string; SecretHash?: string }, { app }: RequestContext) {
  const { client, pool } = await clientFor(app, input);
  const user =
    (await findOrMigrateUser(app, pool, client, input.Username, 'UserMigration_ForgotPassword')) ??
    (await userFor(app, pool, input.Username));
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  const target = recoveryTarget(pool, user);
  if (!target) {
    throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
  }
  await requireAttempt(app, limitKeys.codeRequest(pool.id, 'forgot-password', user.sub), LIMITS.codeRequests);
  return {
    CodeDeliveryDetails: await sendCode(app, pool, user, 'forgot-password', user.sub, target, FORGOT_PASSWORD_CODE_TTL_MS),
  };
}
