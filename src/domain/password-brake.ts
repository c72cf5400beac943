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

/**
 * How long a refused check waits for the brake to reopen (real time, polled), per wait and in all.
 * Checks are claimed before they are judged, so concurrent sign-ins of one user with the right password
 * (parallel tests, several devices) can find the brake shut by their own checks still in flight; each
 * success starts the count over. A refused check therefore waits a moment for that and claims again;
 * a brake shut by real failures stays shut past the wait, and the check is refused (and not counted).
 */
const REOPEN_WAIT_MS = 250;
const REOPEN_TOTAL_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes one password check on `key`, before the password is judged; refused while the key is locked. */
export async function claimPasswordCheck(app: App, key: string): Promise<PasswordCheck> {
  const started = Date.now();
  for (;;) {
    const now = app.now();
    await limitHousekeeping(app, now);
    const claim = await app.store.limits.claim(key, PASSWORD_BRAKE, now);
    if (claim.allowed) return { key, count: claim.count };
    // Only the first lock can come from checks in flight; a longer one was earned by failures.
    if (claim.count > PASSWORD_BRAKE.lockFrom || !(await reopened(app, key, claim.lockedUntil, started))) {
      throw new NotAuthorizedException(PASSWORD_ATTEMPTS_EXCEEDED);
    }
  }
}

/** Whether the lock ending at `until` is lifted (a success cleared it) within the wait; false if it stays. */
async function reopened(app: App, key: string, until: number, started: number): Promise<boolean> {
  const waitEnds = Math.min(Date.now() + REOPEN_WAIT_MS, started + REOPEN_TOTAL_MS);
  while (Date.now() < waitEnds) {
    await sleep(10 + Math.random() * 20);
    const now = app.now();
    // Lifted before its end: cleared by a success. Reaching its end is not a reopening (that is the lock
    // running out, which the next attempt, not this one, may use).
    if (now >= until) return false;
    if ((await app.store.limits.lockedUntil(key, now)) === 0) return true;
  }
  return false;
}

/** The answer to a wrong password: from the sixth counted failure on, Cognito says attempts exceeded. */
export function wrongPasswordError(check: PasswordCheck): InstanceType<typeof NotAuthorizedException> {
  return new NotAuthorizedException(check.count > PASSWORD_BRAKE.lockFrom ? PASSWORD_ATTEMPTS_EXCEEDED : INCORRECT_PASSWORD);
}

/** Refuses, without counting, while the user is locked out (the sign-in steps that check no password). */
export async function assertNotLockedOut(app: App, key: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const now = app.now();
    const until = await app.store.limits.lockedUntil(key, now);
    if (until === 0) return;
    // A first lock may come from checks in flight (claimPasswordCheck); a longer one was earned.
    if (until - now > PASSWORD_BRAKE.firstLockMs || !(await reopened(app, key, until, started))) {
      throw new NotAuthorizedException(PASSWORD_ATTEMPTS_EXCEEDED);
    }
  }
}

/** Starts the user's count over: a right password, or a new one set by an administrator or a reset code. */
export function resetPasswordBrake(app: App, user: { poolId: string; sub: string }): Promise<void> {
  return app.store.limits.clear(brakeKeys.user(user));
}
