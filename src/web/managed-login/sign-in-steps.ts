/**
 * The sign-in page's steps, made of the same domain functions the API flows use (verifyPassword,
 * challenge sessions, the password policy), so a page sign-in obeys the same locks, policies and
 * statuses as InitiateAuth. What the page cannot yet finish (MFA) is refused plainly, never skipped.
 */
import { postAuthentication } from '../../domain/triggers/authentication.ts';
import type { App } from '../../domain/app.ts';
import { consumeChallengeSession, createChallengeSession, verifyPassword } from '../../domain/auth.ts';
import { mfaDecision } from '../../domain/mfa/step.ts';
import { assertPasswordPolicy, makeVerifier } from '../../domain/passwords.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { ServiceError } from '../../protocol/errors.ts';
import { srpUserIdFor } from '../../services/cognito-idp/user-input.ts';

export type StepResult = { done: UserRecord } | { newPassword: string } | { unconfirmed: true } | { error: string; status: number };

/** An expected refusal (wrong password, disabled, locked…) as the page shows it; anything else propagates. */
function refusal(e: unknown): { error: string; status: number } {
  if (e instanceof ServiceError && e.status < 500) return { error: e.message, status: e.code === 'TooManyRequestsException' ? 429 : 400 };
  throw e;
}

/** A second factor InitiateAuth would ask for (domain/mfa): the page has no MFA step yet, so it must not sign the user in. */
function needsMfa(pool: PoolRecord, user: UserRecord): boolean {
  return mfaDecision(pool, user).kind !== 'none';
}

/** The user name and password step. */
export async function passwordStep(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
): Promise<StepResult> {
  if (!username || !password) return { error: 'Enter your user name and password.', status: 400 };
  let user: UserRecord;
  try {
    user = await verifyPassword(app, pool, client, username, password);
  } catch (e) {
    if (e instanceof ServiceError && e.code === 'UserNotConfirmedException') return { unconfirmed: true };
    return refusal(e);
  }
  if (needsMfa(pool, user)) {
    return { error: 'This account signs in with multi-factor authentication, which this sign-in page does not offer yet.', status: 400 };
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    return {
      newPassword: await createChallengeSession(app, client, {
        kind: 'NEW_PASSWORD_REQUIRED',
        poolId: pool.id,
        clientId: client.id,
        sub: user.sub,
      }),
    };
  }
  try {
    await postAuthentication(app, pool, client, user); // PostAuthentication_Authentication, before the browser session exists
  } catch (e) {
    return refusal(e);
  }
  return { done: user };
}

/** NEW_PASSWORD_REQUIRED: the temporary password was right; the new one must meet the policy. */
export async function newPasswordStep(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  session: string,
  newPassword: string,
): Promise<StepResult> {
  try {
    // The policy first: a refused password must leave the challenge session usable for another try.
    assertPasswordPolicy(pool, newPassword);
    const state = await consumeChallengeSession(app, client, session, 'NEW_PASSWORD_REQUIRED');
    const user = await app.store.users.getBySub(pool.id, state.sub);
    if (!user || state.poolId !== pool.id || !user.enabled) return { error: 'Your session has expired. Sign in again.', status: 400 };
    user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), newPassword);
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    user.lastModifiedAt = app.now();
    await app.store.users.update(user);
    return { done: user };
  } catch (e) {
    return refusal(e);
  }
}
