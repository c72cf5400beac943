/**
 * A brake on password guessing at the Identity Center sign-in pages: after MAX_FAILURES wrong passwords
 * for one user name within WINDOW_MS, that name is refused (even with the right password) until the oldest
 * failure leaves the window. Kept per process: it slows guessing, it is not an audit record.
 */
import type { App } from '../app.ts';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

const failures = new Map<string, number[]>();

function recent(app: App, key: string): number[] {
  const now = app.now();
  const list = (failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS && t <= now);
  if (list.length > 0) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/** Whether this user name may try a password now. */
export function mayTry(app: App, userName: string): boolean {
  return recent(app, userName.toLowerCase()).length < MAX_FAILURES;
}

export function recordFailure(app: App, userName: string): void {
  const key = userName.toLowerCase();
  const list = recent(app, key);
  list.push(app.now());
  failures.set(key, list);
  if (failures.size > 100_000) failures.delete(failures.keys().next().value as string);
}

export function recordSuccess(userName: string): void {
  failures.delete(userName.toLowerCase());
}
