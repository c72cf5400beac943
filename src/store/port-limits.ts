/**
 * Attempt limits kept in the store, so that they hold across worker processes, nodes and restarts: a
 * counter per key over a fixed window that starts with the key's first hit.
 */

/** A counter's state after a hit. */
export interface LimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the window ends (epoch ms); the next hit after it starts a new window at 1. */
  resetAt: number;
}

export interface LimitRepo {
  /**
   * Counts one hit on `key` atomically (one statement, so concurrent hits from any process each get a
   * distinct count) and returns the count in the window, which is `windowMs` long from its first hit.
   */
  hit(key: string, windowMs: number, now: number): Promise<LimitHit>;
  /** The current count of `key` (0 when absent or the window has ended), without counting. */
  peek(key: string, now: number): Promise<number>;
  /** Forgets `key` (a success that ends the need for the brake). */
  clear(key: string): Promise<void>;
  /** Housekeeping: removes counters whose window ended before `now`; returns how many. */
  purge(now: number): Promise<number>;
}
