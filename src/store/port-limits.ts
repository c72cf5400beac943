/**
 * Attempt limits kept in the store, so that they hold across worker processes, nodes and restarts: a
 * counter per key over a fixed window that starts with the key's first hit, and the sign-in brake, a
 * counter per key whose lock grows with every counted attempt.
 */

/** A counter's state after a hit. */
export interface LimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the window ends (epoch ms); the next hit after it starts a new window at 1. */
  resetAt: number;
}

/**
 * The shape of a brake: `lockFrom` attempts go ahead freely; the attempt that reaches it, and every one
 * counted after it, locks the key for `firstLockMs` doubled per attempt beyond `lockFrom`, at most
 * `maxLockMs`. A key left alone for `idleMs` starts over.
 */
export interface BrakeRule {
  lockFrom: number;
  firstLockMs: number;
  maxLockMs: number;
  /** Must be at least `maxLockMs`, so a lock never outlives its counter. */
  idleMs: number;
}

/** What one attempt against a brake came to. */
export interface BrakeClaim {
  /** Whether the attempt may go ahead. A refused attempt (the key was locked) is not counted. */
  allowed: boolean;
  /** Attempts counted so far, this one included when allowed. */
  count: number;
  /** When the key's lock ends (epoch ms); at or before `now` when it is not locked. */
  lockedUntil: number;
}

export interface LimitRepo {
  /**
   * Counts one hit on `key` atomically (one statement, so concurrent hits from any process each get a
   * distinct count) and returns the count in the window, which is `windowMs` long from its first hit.
   */
  hit(key: string, windowMs: number, now: number): Promise<LimitHit>;
  /** The current count of `key` (0 when absent or the window has ended), without counting. */
  peek(key: string, now: number): Promise<number>;
  /**
   * One attempt against the brake on `key`, in one statement: refused while the key is locked;
   * otherwise counted, and the key locked as `rule` says for that count — before the caller judges the
   * attempt, so that concurrent attempts from any process each get a distinct count and no more than
   * `rule.lockFrom` of them go ahead. A refused attempt keeps the key from going idle.
   */
  claim(key: string, rule: BrakeRule, now: number): Promise<BrakeClaim>;
  /** When the brake on `key` unlocks (epoch ms), or 0 when it is not locked at `now`. */
  lockedUntil(key: string, now: number): Promise<number>;
  /** Forgets `key` (a success that ends the need for the brake). */
  clear(key: string): Promise<void>;
  /** Housekeeping: removes counters whose window ended before `now`; returns how many. */
  purge(now: number): Promise<number>;
}
