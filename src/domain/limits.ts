/**
 * Attempt limits, kept in the store so they hold across worker processes, nodes and restarts, and counted
 * with one atomic statement per attempt so concurrent requests cannot slip past them. Cognito documents a
 * per-user quota of this shape (five ChangePassword calls per user per hour) and answers code requests and
 * code guesses past its limits with LimitExceededException "Attempt limit exceeded, please try after some
 * time."; Cognate applies that shape to every code a user can ask for or guess.
 */
import { LimitExceededException } from '../protocol/errors.ts';
import type { App } from './app.ts';

export const ATTEMPTS_EXCEEDED = 'Attempt limit exceeded, please try after some time.';

export interface LimitPolicy {
  /** Attempts allowed in one window. */
  max: number;
  /** The window, from the first attempt. */
  windowMs: number;
}

/** The limits (documented in README, "Security notes"). */
export const LIMITS = {
  /** ForgotPassword / ResendConfirmationCode (and other code sends) per user and purpose. */
  codeRequests: { max: 5, windowMs: 3_600_000 },
  /** Wrong codes per user and purpose, across every code issued in the window. */
  wrongCodes: { max: 5, windowMs: 3_600_000 },
  /** Wrong passwords per user name at the Identity Center sign-in pages. */
  ssoSignIn: { max: 5, windowMs: 15 * 60_000 },
} as const satisfies Record<string, LimitPolicy>;

/** Every PURGE_EVERY hits, ended windows are removed, so counters for made-up names do not accumulate. */
const PURGE_EVERY = 256;
let hitsSincePurge = 0;

/** Called once per counted attempt (of any limit or brake): now and then removes the counters that ended. */
export async function limitHousekeeping(app: App, now: number): Promise<void> {
  if (++hitsSincePurge >= PURGE_EVERY) {
    hitsSincePurge = 0;
    await app.store.limits.purge(now);
  }
}

/**
 * Counts one attempt on `key` and reports whether it is within the policy. The count is taken before the
 * attempt is judged, so that N concurrent attempts are N counts whatever their outcome.
 */
export async function countAttempt(app: App, key: string, policy: LimitPolicy): Promise<boolean> {
  const now = app.now();
  await limitHousekeeping(app, now);
  const { count } = await app.store.limits.hit(key, policy.windowMs, now);
  return count <= policy.max;
}

/** `countAttempt`, throwing Cognito's LimitExceededException past the policy. */
export async function requireAttempt(app: App, key: string, policy: LimitPolicy): Promise<void> {
  if (!(await countAttempt(app, key, policy))) throw new LimitExceededException(ATTEMPTS_EXCEEDED);
}

/** Whether `key` has attempts left, without counting one. */
export async function hasAttemptsLeft(app: App, key: string, policy: LimitPolicy): Promise<boolean> {
  return (await app.store.limits.peek(key, app.now())) < policy.max;
}

/** Forgets the attempts on `key` (after a success). */
export function clearAttempts(app: App, key: string): Promise<void> {
  return app.store.limits.clear(key);
}

/** Keys: one namespace per limit, scoped to the pool and the user (by sub, or by name when unknown). */
export const limitKeys = {
  codeRequest: (poolId: string, purpose: string, who: string) => `code-request:${poolId}:${purpose}:${who}`,
  wrongCode: (poolId: string, purpose: string, who: string) => `wrong-code:${poolId}:${purpose}:${who}`,
  ssoSignIn: (userName: string) => `sso-sign-in:${userName.toLowerCase()}`,
};
