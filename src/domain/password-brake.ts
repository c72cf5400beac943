/**
 * Cognito's wrong-password brake (its "lockout behavior for failed sign-in attempts"): five wrong
 * passwords go through; the n-th from then on locks the user out for 2^(n−5) seconds, up to about 15
 * minutes. Attempts during a lock are refused with "Password attempts exceeded" and do not count; a right
 * password, or a quarter of an hour without attempts, starts the count over.
 *
 * Every password check first takes its place in the store (`claimPasswordCheck`: one atomic statement
 * that counts the attempt and sets the lock its number earns), and only then is the password judged. So
 * concurrent guesses from any worker or node each get their own number, and no more than five are
 * checked before the lock. A user's count is per pool and sub, shared by every name they sign in with;
 * an unknown user name behind PreventUserExistenceErrors has a count of its own and brakes the same way.
 */
import { NotAuthorizedException } from '../protocol/errors.ts';
import type { BrakeRule } from '../store/port-limits.ts';
import type { App } from './app.ts';
import { limitHousekeeping } from './limits.ts';

/** The brake's numbers (README, "Security notes"). */
export const PASSWORD_BRAKE: BrakeRule = { lockFrom: 5, firstLockMs: 1000, maxLockMs: 15 * 60_000, idleMs: 15 * 60_000 };

export const INCORRECT_PASSWORD = 'Incorrect username or password.';
export const PASSWORD_ATTEMPTS_EXCEEDED = 'Password attempts exceeded';

export const brakeKeys = {
  /** A user's count. Migration 400 carried counts over from user records under this key: keep them in step. */
  user: (user: { poolId: string; sub: string }) => `password:${user.poolId}:${user.sub}`,
  /** The count of a user name nobody has (PreventUserExistenceErrors=ENABLED). */
  unknown: (poolId: string, username: string) => `password-unknown:${poolId}:${username}`,
};

/** A password check that passed the brake: its key and its number in the count. */
export interface PasswordCheck {
  key: string;
  count: number;
}

/** Takes one password check on `key`, before the password is judged; refused while the key is locked. */
export async function claimPasswordCheck(app: App, key: string): Promise<PasswordCheck> {
  const now = app.now();
  await limitHousekeeping(app, now);
  const claim = await app.store.limits.claim(key, PASSWORD_BRAKE, now);
  if (!claim.allowed) throw new NotAuthorizedException(PASSWORD_ATTEMPTS_EXCEEDED);
  return { key, count: claim.count };
}

/** The answer to a wrong password: from the sixth counted failure on, Cognito says attempts exceeded. */
export function wrongPasswordError(check: PasswordCheck): InstanceType<typeof NotAuthorizedException> {
  return new NotAuthorizedException(check.count > PASSWORD_BRAKE.lockFrom ? PASSWORD_ATTEMPTS_EXCEEDED : INCORRECT_PASSWORD);
}

/** Refuses, without counting, while the user is locked out (the sign-in steps that check no password). */
export async function assertNotLockedOut(app: App, key: string): Promise<void> {
  if ((await app.store.limits.lockedUntil(key, app.now())) > 0) throw new NotAuthorizedException(PASSWORD_ATTEMPTS_EXCEEDED);
}

/** Starts the user's count over: a right password, or a new one set by an administrator or a reset code. */
export function resetPasswordBrake(app: App, user: { poolId: string; sub: string }): Promise<void> {
  return app.store.limits.clear(brakeKeys.user(user));
}
