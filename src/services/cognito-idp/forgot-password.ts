/**
 * ForgotPassword (unsigned): client + SECRET_HASH → user → enabled → a verified recovery address →
 * within the user's code-request limit → a reset code (one hour, hashed at rest, plaintext to the outbox). The old password keeps working until
 * ConfirmForgotPassword, as in Cognito.
 */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { FORGOT_PASSWORD_CODE_TTL_MS, recoveryTarget, sendCode } from '../../domain/code-delivery.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { hidesUserExistence } from '../../domain/auth.ts';
import type { App } from '../../domain/app.ts';
import type { ClientRecord, PoolRecord } from '../../domain/types.ts';
import { simulatedDelivery } from '../../domain/user-existence.ts';
import { findOrMigrateUser } from '../../domain/triggers/migration.ts';
import { findUser } from '../../domain/users.ts';
import { clientFor, userMissingError } from './client-user.ts';

export async function forgotPassword(input: { ClientId: string; Username: string; SecretHash?: string }, { app }: RequestContext) {
  const { client, pool } = await clientFor(app, input);
  const user =
    (await findOrMigrateUser(app, pool, client, input.Username, 'UserMigration_ForgotPassword')) ??
    (await findUser(app, pool, input.Username));
  if (!user) return unknownUser(app, client, pool, input.Username);
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

/**
 * An unknown user: UserNotFoundException, or with PreventUserExistenceErrors=ENABLED what a real user gets,
 * a code "sent" to a simulated destination over the pool's first recovery mechanism, within the same
 * request limit (counted by user name).
 */
async function unknownUser(app: App, client: ClientRecord, pool: PoolRecord, username: string) {
  if (!hidesUserExistence(client)) throw userMissingError();
  const setting = pool.config.AccountRecoverySetting as { RecoveryMechanisms?: { Priority: number; Name: string }[] } | undefined;
  const first = [...(setting?.RecoveryMechanisms ?? [{ Priority: 1, Name: 'verified_email' }])].sort((a, b) => a.Priority - b.Priority)[0];
  if (first?.Name === 'admin_only') {
    throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
  }
  await requireAttempt(app, limitKeys.codeRequest(pool.id, 'forgot-password', `name:${username}`), LIMITS.codeRequests);
  return { CodeDeliveryDetails: await simulatedDelivery(app, pool, username, first?.Name === 'verified_phone_number' ? 'SMS' : 'EMAIL') };
}
