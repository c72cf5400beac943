/** Store contract: attempt-limit counters (windows, atomic hits under racing calls, clear, purge). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type GetStore, T0 } from './records.ts';

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
}
