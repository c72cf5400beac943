/**
 * A brake on password guessing at the Identity Center sign-in pages: after LIMITS.ssoSignIn.max wrong
 * passwords for one user name within its window (15 minutes from the first), that name is refused (even
 * with the right password) until the window ends. The counter lives in the store (domain/limits.ts), so
 * the brake holds across worker processes, nodes and restarts; every attempt is counted before the
 * password is checked, so concurrent guesses cannot slip past it.
 */
import type { App } from '../app.ts';
import { LIMITS, clearAttempts, countAttempt, limitKeys } from '../limits.ts';

export const MAX_FAILURES = LIMITS.ssoSignIn.max;
export const WINDOW_MS = LIMITS.ssoSignIn.windowMs;

/** Takes one attempt for this user name; false when the brake holds. */
export function takeAttempt(app: App, userName: string): Promise<boolean> {
  return countAttempt(app, limitKeys.ssoSignIn(userName), LIMITS.ssoSignIn);
}

/** A right password: the name's wrong guesses are forgotten. */
export function recordSuccess(app: App, userName: string): Promise<void> {
  return clearAttempts(app, limitKeys.ssoSignIn(userName));
}
