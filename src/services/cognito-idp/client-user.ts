/**
 * Steps shared by the unsigned operations that name a user through an app client (SignUp,
 * ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword): find the client, check
 * its SECRET_HASH, find the user with Cognito's "combination not found" wording.
 */
import { UserNotFoundException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { assertSecretHash } from '../../domain/auth.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { findClient } from '../../domain/user-pools.ts';
import { findUser } from '../../domain/users.ts';

export const COMBINATION_NOT_FOUND = 'Username/client id combination not found.';

/** The client (ResourceNotFoundException if unknown) and its pool, after the SECRET_HASH check. */
export async function clientFor(
  app: App,
  input: { ClientId: string; Username: string; SecretHash?: string },
): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const found = await findClient(app, input.ClientId);
  assertSecretHash(app, found.client, [input.Username], input.SecretHash);
  return found;
}

/** The user the request names (user name or sign-in alias). */
export async function userFor(app: App, pool: PoolRecord, username: string): Promise<UserRecord> {
  const user = await findUser(app, pool, username);
  if (!user) throw userMissingError();
  return user;
}

/** Cognito's error for an unknown user on these operations (when the client does not hide existence). */
export function userMissingError(): Error {
  return new UserNotFoundException(COMBINATION_NOT_FOUND);
}
