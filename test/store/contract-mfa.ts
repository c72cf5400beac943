/** Store contract: sign-in factor records (the last TOTP step each user used). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type GetStore, pool, race, user } from './records.ts';

export function mfaContract(s: GetStore): void {
  it('mfa: claimTotpStep accepts each later step once, per user, and refuses earlier or equal steps', async () => {
    assert.equal(await s().mfa.claimTotpStep('p1', 'sub-a', 100), true);
    assert.equal(await s().mfa.claimTotpStep('p1', 'sub-a', 100), false, 'the same step twice');
    assert.equal(await s().mfa.claimTotpStep('p1', 'sub-a', 99), false, 'an earlier step');
    assert.equal(await s().mfa.claimTotpStep('p1', 'sub-b', 100), true, 'another user');
    assert.equal(await s().mfa.claimTotpStep('p2', 'sub-a', 100), true, 'another pool');
    assert.equal(await s().mfa.claimTotpStep('p1', 'sub-a', 101), true);
    // Steps are epoch/30 s: well past 2^31 in milliseconds-era arithmetic, so the column must hold them.
    assert.equal(await s().mfa.claimTotpStep('p1', 'sub-a', 2 ** 40), true);
  });

  it('mfa: of racing claims of one step exactly one wins', async () => {
    const results = await race(8, () => s().mfa.claimTotpStep('p1', 'sub-race', 5000));
    assert.equal(results.filter((r) => r === true).length, 1);
  });

  it('mfa: deleting a pool forgets its TOTP steps; reset() empties them', async () => {
    await s().pools.insert(pool('p-gone'));
    await s().users.insert(user('p-gone', 'alice'));
    assert.equal(await s().mfa.claimTotpStep('p-gone', 'sub-x', 7), true);
    await s().pools.delete('p-gone');
    assert.equal(await s().mfa.claimTotpStep('p-gone', 'sub-x', 7), true, 'the step is claimable again');
    await s().reset();
    assert.equal(await s().mfa.claimTotpStep('p-gone', 'sub-x', 7), true);
  });
}
