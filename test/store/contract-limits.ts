/** Store contract: attempt-limit counters (windows, atomic hits under racing calls, clear, purge) and brakes. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { BrakeRule } from '../../src/store/port-limits.ts';
import { type GetStore, T0 } from './records.ts';

/** Cognito's numbers: five free, then 1 s doubling per attempt up to 15 min; idle for 15 min starts over. */
const RULE: BrakeRule = { lockFrom: 5, firstLockMs: 1000, maxLockMs: 900_000, idleMs: 900_000 };

export function limitContract(s: GetStore): void {
  it('limits: hits count within a window that starts at the first hit; a hit after it starts again at 1', async () => {
    const l = s().limits;
    assert.deepStrictEqual(await l.hit('k', 1000, T0), { count: 1, resetAt: T0 + 1000 });
    assert.deepStrictEqual(await l.hit('k', 1000, T0 + 10), { count: 2, resetAt: T0 + 1000 });
    assert.equal(await l.peek('k', T0 + 999), 2);
    assert.equal(await l.peek('k', T0 + 1000), 0, 'the window has ended');
    assert.deepStrictEqual(await l.hit('k', 1000, T0 + 1000), { count: 1, resetAt: T0 + 2000 });
    assert.equal(await l.peek('other', T0), 0);
    await l.hit('other', 50, T0);
    await l.clear('k');
    assert.equal(await l.peek('k', T0 + 1001), 0);
    assert.equal(await l.peek('other', T0 + 1), 1, 'clear touches one key');
  });

  it('limits: 50 racing hits on one key get 50 distinct counts', async () => {
    const counts = await Promise.all(Array.from({ length: 50 }, () => s().limits.hit('race', 60_000, T0)));
    assert.deepStrictEqual(
      counts.map((c) => c.count).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('limits: purge removes only ended windows; reset removes all', async () => {
    const l = s().limits;
    await l.hit('short', 10, T0);
    await l.hit('long', 10_000, T0);
    assert.equal(await l.purge(T0 + 10), 1);
    assert.equal(await l.peek('long', T0 + 10), 1);
    await s().reset();
    assert.equal(await l.peek('long', T0 + 10), 0);
  });

  it('brakes: free attempts, then a lock per counted attempt that doubles up to its cap; locked attempts are not counted', async () => {
    const l = s().limits;
    for (let n = 1; n <= 4; n++) assert.deepStrictEqual(await l.claim('b', RULE, T0), { allowed: true, count: n, lockedUntil: 0 });
    assert.equal(await l.lockedUntil('b', T0), 0);
    assert.deepStrictEqual(await l.claim('b', RULE, T0), { allowed: true, count: 5, lockedUntil: T0 + 1000 });
    assert.equal(await l.lockedUntil('b', T0 + 999), T0 + 1000);
    assert.deepStrictEqual(await l.claim('b', RULE, T0 + 999), { allowed: false, count: 5, lockedUntil: T0 + 1000 });
    assert.deepStrictEqual(await l.claim('b', RULE, T0 + 1000), { allowed: true, count: 6, lockedUntil: T0 + 3000 });
    assert.equal(await l.lockedUntil('b', T0 + 3000), 0, 'unlocked when the lock ends');
    let t = T0 + 3000;
    for (let n = 7; n <= 15; n++) {
      const c = await l.claim('b', RULE, t);
      assert.equal(c.allowed, true);
      assert.equal(c.count, n);
      assert.equal(c.lockedUntil - t, Math.min(900_000, 1000 * 2 ** (n - 5)), `the lock after attempt ${n}`);
      t = c.lockedUntil;
    }
    // The fifteenth earned the capped lock (15 min), as long as the idle time: when it ends, so does the count.
    assert.deepStrictEqual(await l.claim('b', RULE, t), { allowed: true, count: 1, lockedUntil: 0 });
    for (let n = 2; n <= 3; n++) assert.equal((await l.claim('b', RULE, t)).count, n);
    await l.clear('b');
    assert.deepStrictEqual(await l.claim('b', RULE, t), { allowed: true, count: 1, lockedUntil: 0 }, 'clear starts over');
  });

  it('brakes: an attempt that earns no lock leaves none, so one carrying an earlier clock is not refused', async () => {
    const l = s().limits;
    // Concurrent requests read the clock before their statements run, not always in the same order.
    assert.deepStrictEqual(await l.claim('skew', RULE, T0 + 5), { allowed: true, count: 1, lockedUntil: 0 });
    assert.deepStrictEqual(await l.claim('skew', RULE, T0 + 2), { allowed: true, count: 2, lockedUntil: 0 });
    assert.equal(await l.lockedUntil('skew', T0), 0);
  });

  it('brakes: a refused attempt keeps the key from going idle; purge removes idle keys only', async () => {
    const l = s().limits;
    for (let i = 0; i < 5; i++) await l.claim('k', RULE, T0);
    assert.equal((await l.claim('k', RULE, T0 + 500)).allowed, false);
    // 15 min after the last counted attempt, but not after the refused one: the count goes on.
    assert.deepStrictEqual(await l.claim('k', RULE, T0 + 900_000), { allowed: true, count: 6, lockedUntil: T0 + 902_000 });
    await l.claim('idle', RULE, T0);
    assert.equal(await l.purge(T0 + 900_000), 1, 'only the idle key');
    assert.equal(await l.lockedUntil('k', T0 + 900_001), T0 + 902_000);
  });

  it('brakes: 50 racing attempts on one key let exactly the free ones through, each with its own count', async () => {
    const claims = await Promise.all(Array.from({ length: 50 }, () => s().limits.claim('race-brake', RULE, T0)));
    const allowed = claims.filter((c) => c.allowed);
    assert.deepStrictEqual(
      allowed.map((c) => c.count).sort((a, b) => a - b),
      [1, 2, 3, 4, 5],
    );
    assert.ok(claims.filter((c) => !c.allowed).every((c) => c.count === 5 && c.lockedUntil === T0 + 1000));
  });
}
