/** Store contract: sign-in factor records (the last TOTP step each user used). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DeviceRecord } from '../../src/store/port-mfa.ts';
import { allPages, type GetStore, pool, race, T0, user } from './records.ts';

function device(poolId: string, deviceKey: string, sub: string, extra: Partial<DeviceRecord> = {}): DeviceRecord {
  return { poolId, deviceKey, deviceGroupKey: 'group', sub, remembered: false, createdAt: T0, lastModifiedAt: T0, ...extra };
}

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

  it('devices: put, get, replace, list per user in key order with a cursor, delete', async () => {
    const full = device('p1', 'us-east-1_b', 'sub-a', {
      salt: '0a0b',
      verifier: 'ff00',
      name: 'Firefox',
      remembered: true,
      lastAuthenticatedAt: T0 + 9,
      lastModifiedAt: T0 + 3,
    });
    await s().mfa.putDevice(full);
    assert.deepStrictEqual(await s().mfa.getDevice('p1', 'us-east-1_b'), full);
    const bare = device('p1', 'us-east-1_a', 'sub-a');
    await s().mfa.putDevice(bare);
    assert.deepStrictEqual(await s().mfa.getDevice('p1', 'us-east-1_a'), bare, 'optional fields stay absent');
    await s().mfa.putDevice(device('p1', 'us-east-1_c', 'sub-a'));
    await s().mfa.putDevice(device('p1', 'us-east-1_0', 'sub-other'));
    await s().mfa.putDevice(device('p2', 'us-east-1_d', 'sub-a'));
    const seen = await allPages(2, (after) => s().mfa.listDevices('p1', 'sub-a', 2, after));
    assert.deepStrictEqual(
      seen.map((d) => d.deviceKey),
      ['us-east-1_a', 'us-east-1_b', 'us-east-1_c'],
    );
    await s().mfa.putDevice({ ...full, remembered: false, name: 'renamed' });
    assert.equal((await s().mfa.getDevice('p1', 'us-east-1_b'))?.name, 'renamed');
    assert.equal(await s().mfa.deleteDevice('p1', 'us-east-1_b'), true);
    assert.equal(await s().mfa.deleteDevice('p1', 'us-east-1_b'), false);
    assert.equal(await s().mfa.getDevice('p1', 'us-east-1_b'), undefined);
    assert.equal(await s().mfa.getDevice('p2', 'us-east-1_a'), undefined, 'keys are per pool');
  });

  it('passkeys: put, get, replace (counter), list per user with a cursor, delete; pool delete removes them', async () => {
    const cred = (id: string, sub: string, extra: Record<string, unknown> = {}) => ({
      poolId: 'p1',
      credentialId: id,
      sub,
      publicKey: 'pQECAyYgASFYIA',
      counter: 0,
      relyingPartyId: 'localhost',
      createdAt: T0,
      ...extra,
    });
    const full = cred('cred-b', 'sub-a', { transports: ['internal'], attachment: 'platform', friendlyName: 'Laptop' });
    await s().mfa.putCredential(full);
    assert.deepStrictEqual(await s().mfa.getCredential('p1', 'cred-b'), full);
    await s().mfa.putCredential(cred('cred-a', 'sub-a'));
    await s().mfa.putCredential(cred('cred-c', 'sub-a'));
    await s().mfa.putCredential(cred('cred-0', 'sub-other'));
    const seen = await allPages(2, (after) => s().mfa.listCredentials('p1', 'sub-a', 2, after));
    assert.deepStrictEqual(
      seen.map((c) => c.credentialId),
      ['cred-a', 'cred-b', 'cred-c'],
    );
    await s().mfa.putCredential({ ...full, counter: 7 });
    assert.equal((await s().mfa.getCredential('p1', 'cred-b'))?.counter, 7);
    assert.equal(await s().mfa.deleteCredential('p1', 'cred-b'), true);
    assert.equal(await s().mfa.deleteCredential('p1', 'cred-b'), false);
    await s().pools.insert(pool('p1'));
    await s().pools.delete('p1');
    assert.equal(await s().mfa.getCredential('p1', 'cred-a'), undefined);
  });

  it("deleting a user removes the user's TOTP step, devices and passkeys, and nobody else's", async () => {
    const u = user('p1', 'gone');
    const kept = user('p1', 'kept');
    await s().users.insert(u);
    await s().users.insert(kept);
    for (const who of [u, kept]) {
      await s().mfa.claimTotpStep('p1', who.sub, 10);
      await s().mfa.putDevice(device('p1', `us-east-1_${who.username}`, who.sub));
      await s().mfa.putCredential({
        poolId: 'p1',
        credentialId: `cred-${who.username}`,
        sub: who.sub,
        publicKey: 'k',
        counter: 0,
        relyingPartyId: 'x',
        createdAt: T0,
      });
    }
    assert.equal(await s().users.delete('p1', u.sub), true);
    assert.equal(await s().mfa.getDevice('p1', 'us-east-1_gone'), undefined);
    assert.equal(await s().mfa.getCredential('p1', 'cred-gone'), undefined);
    assert.equal(await s().mfa.claimTotpStep('p1', u.sub, 10), true, 'the step record went with the user');
    assert.ok(await s().mfa.getDevice('p1', 'us-east-1_kept'));
    assert.ok(await s().mfa.getCredential('p1', 'cred-kept'));
    assert.equal(await s().mfa.claimTotpStep('p1', kept.sub, 10), false);
  });

  it('devices: a grant remembers its device', async () => {
    assert.equal(await s().mfa.deviceOfGrant('g-1'), undefined);
    await s().mfa.bindGrant('g-1', 'p1', 'us-east-1_dev');
    assert.equal(await s().mfa.deviceOfGrant('g-1'), 'us-east-1_dev');
  });

  it('mfa: deleting a pool forgets its TOTP steps, devices and grant bindings; reset() empties them', async () => {
    await s().pools.insert(pool('p-gone'));
    await s().users.insert(user('p-gone', 'alice'));
    assert.equal(await s().mfa.claimTotpStep('p-gone', 'sub-x', 7), true);
    await s().mfa.putDevice(device('p-gone', 'us-east-1_x', 'sub-x'));
    await s().mfa.bindGrant('g-gone', 'p-gone', 'us-east-1_x');
    await s().mfa.putDevice(device('p-kept', 'us-east-1_y', 'sub-x'));
    await s().pools.delete('p-gone');
    assert.equal(await s().mfa.claimTotpStep('p-gone', 'sub-x', 7), true, 'the step is claimable again');
    assert.equal(await s().mfa.getDevice('p-gone', 'us-east-1_x'), undefined);
    assert.equal(await s().mfa.deviceOfGrant('g-gone'), undefined);
    assert.ok(await s().mfa.getDevice('p-kept', 'us-east-1_y'));
    await s().reset();
    assert.equal(await s().mfa.claimTotpStep('p-gone', 'sub-x', 7), true);
    assert.equal(await s().mfa.getDevice('p-kept', 'us-east-1_y'), undefined);
  });
}
