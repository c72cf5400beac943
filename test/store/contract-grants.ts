/** Store contract: grants (revocation state, rotation), single-use codes and auth sessions, access keys, meta. */
import assert from 'node:assert/strict';
import { it } from '../helpers/tools.ts';
import type { AccessKeyRecord } from '../../src/domain/types.ts';
import { code, type GetStore, grant, race, T0, user } from './records.ts';

export function grantContract(s: GetStore): void {
  it("grants: state reads the grant with its user's generation, enabled flag and status", async () => {
    const u = user('p1', 'alice', { generation: 2 });
    await s().users.insert(u);
    const g = grant(u, 'c1', { generation: 2 });
    await s().grants.insert(g);
    assert.deepStrictEqual(await s().grants.state(g.id), { grant: g, userGeneration: 2, userEnabled: true, userStatus: 'CONFIRMED' });
    await s().users.bumpGeneration('p1', u.sub, T0 + 1);
    await s().users.update({ ...u, generation: 3, enabled: false, status: 'RESET_REQUIRED' });
    assert.deepStrictEqual(await s().grants.state(g.id), { grant: g, userGeneration: 3, userEnabled: false, userStatus: 'RESET_REQUIRED' });
    const orphan = grant({ poolId: 'p1', sub: 'no-such-user' }, 'c1');
    await s().grants.insert(orphan);
    assert.deepStrictEqual(await s().grants.state(orphan.id), { grant: orphan }, 'no user fields when the user is gone');
    assert.equal(await s().grants.state('no-such-grant'), undefined);
  });

  it("grants: stateWithUser is state plus the user's whole record, read together", async () => {
    const u = user('p1', 'bob', {
      generation: 4,
      attributes: [
        { Name: 'email', Value: 'bob@example.com' },
        { Name: 'name', Value: 'Bob' },
      ],
      mfaOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
      createdAt: T0 - 5,
      lastModifiedAt: T0 - 1,
    });
    await s().users.insert(u);
    const g = grant(u, 'c1', { generation: 4 });
    await s().grants.insert(g);
    assert.deepStrictEqual(await s().grants.stateWithUser(g.id), {
      grant: g,
      userGeneration: 4,
      userEnabled: true,
      userStatus: 'CONFIRMED',
      user: await s().users.getBySub('p1', u.sub),
    });
    assert.deepStrictEqual((await s().grants.stateWithUser(g.id))?.user, u);
    // Sign-out, disabling and revocation show through at once, as in state().
    await s().users.bumpGeneration('p1', u.sub, T0 + 1);
    await s().users.update({ ...u, generation: 5, enabled: false, status: 'RESET_REQUIRED' });
    await s().grants.revoke(g.id, T0 + 2);
    const after = await s().grants.stateWithUser(g.id);
    const { user: afterUser, ...afterState } = after ?? { grant: g };
    assert.deepStrictEqual(afterState, await s().grants.state(g.id));
    assert.deepStrictEqual(afterState, {
      grant: { ...g, revokedAt: T0 + 2 },
      userGeneration: 5,
      userEnabled: false,
      userStatus: 'RESET_REQUIRED',
    });
    assert.deepStrictEqual(afterUser, await s().users.getBySub('p1', u.sub));
    // A deleted user: the grant goes with it; an orphan grant has no user fields at all.
    const orphan = grant({ poolId: 'p1', sub: 'no-such-user' }, 'c1');
    await s().grants.insert(orphan);
    assert.deepStrictEqual(await s().grants.stateWithUser(orphan.id), { grant: orphan }, 'no user fields when the user is gone');
    await s().users.delete('p1', u.sub);
    assert.equal(await s().grants.stateWithUser(g.id), undefined);
    assert.equal(await s().grants.stateWithUser('no-such-grant'), undefined);
  });

  it('users: every read carries the password verifier but stateWithUser (GetUser), which leaves it out', async () => {
    const verifier = { salt: 'a1'.repeat(16), verifier: 'f0'.repeat(384), srpUserId: 'srp-eve' };
    const u = user('p1', 'eve', { password: verifier, preferredMfa: 'SOFTWARE_TOKEN_MFA' });
    await s().users.insert(u);
    const g = grant(u, 'c1');
    await s().grants.insert(g);
    assert.deepStrictEqual(await s().users.getByKey('p1', 'eve'), u);
    assert.deepStrictEqual(await s().users.getBySub('p1', u.sub), u);
    assert.deepStrictEqual((await s().users.list('p1', 10)).items, [u]);
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'email', 'eve@example.com'), [u]);
    const { password, ...withoutPassword } = u;
    const hot = await s().grants.stateWithUser(g.id);
    assert.deepStrictEqual(hot?.user, withoutPassword);
    assert.equal(hot?.user && 'password' in hot.user, false, 'no password key at all, not even undefined');
    // Update replaces the verifier, then clears it; the hot path's record follows, still without one.
    const changed = { ...u, password: { ...verifier, verifier: '0e'.repeat(384) }, lastModifiedAt: T0 + 1 };
    await s().users.update(changed);
    assert.deepStrictEqual(await s().users.getBySub('p1', u.sub), changed);
    assert.deepStrictEqual((await s().grants.stateWithUser(g.id))?.user, { ...withoutPassword, lastModifiedAt: T0 + 1 });
    const { password: _, ...cleared } = changed;
    await s().users.update(cleared);
    assert.deepStrictEqual(await s().users.getByKey('p1', 'eve'), cleared);
    assert.equal('password' in ((await s().users.getByKey('p1', 'eve')) ?? {}), false);
  });

  it('grants: revoke keeps the first revocation time and is false only for unknown grants', async () => {
    const g = grant({ poolId: 'p1', sub: 's1' }, 'c1');
    await s().grants.insert(g);
    assert.equal(await s().grants.revoke(g.id, T0 + 10), true);
    assert.equal(await s().grants.revoke(g.id, T0 + 20), true);
    assert.equal((await s().grants.state(g.id))?.grant.revokedAt, T0 + 10);
    assert.equal(await s().grants.revoke('no-such-grant', T0), false);
  });

  it("grants: revokeByClient revokes only that client's live grants in that pool and counts them", async () => {
    const live = [grant({ poolId: 'p1', sub: 'a' }, 'c1'), grant({ poolId: 'p1', sub: 'b' }, 'c1')];
    const earlier = grant({ poolId: 'p1', sub: 'c' }, 'c1');
    const otherClient = grant({ poolId: 'p1', sub: 'a' }, 'c2');
    const otherPool = grant({ poolId: 'p2', sub: 'a' }, 'c1');
    for (const g of [...live, earlier, otherClient, otherPool]) await s().grants.insert(g);
    await s().grants.revoke(earlier.id, T0 + 5);
    assert.equal(await s().grants.revokeByClient('p1', 'c1', T0 + 50), 2);
    for (const g of live) assert.equal((await s().grants.state(g.id))?.grant.revokedAt, T0 + 50);
    assert.equal((await s().grants.state(earlier.id))?.grant.revokedAt, T0 + 5, 'an earlier revocation keeps its time');
    assert.equal((await s().grants.state(otherClient.id))?.grant.revokedAt, undefined);
    assert.equal((await s().grants.state(otherPool.id))?.grant.revokedAt, undefined);
    assert.equal(await s().grants.revokeByClient('p1', 'c1', T0 + 60), 0);
  });

  it('grants: rotate succeeds for exactly one of racing callers presenting the same old secret', async () => {
    const g = grant({ poolId: 'p1', sub: 'a' }, 'c1');
    await s().grants.insert(g);
    const results = await race(12, (i) => s().grants.rotate(g.id, g.refreshHash, `new-${i}`));
    assert.equal(results.filter(Boolean).length, 1);
    const winner = results.indexOf(true);
    assert.equal((await s().grants.state(g.id))?.grant.refreshHash, `new-${winner}`);
    assert.equal(await s().grants.rotate(g.id, g.refreshHash, 'again'), false, 'the old secret no longer matches');
    assert.equal(await s().grants.rotate(g.id, `new-${winner}`, 'next'), true);
    await s().grants.revoke(g.id, T0);
    assert.equal(await s().grants.rotate(g.id, 'next', 'after-revoke'), false, 'a revoked grant never rotates');
    assert.equal(await s().grants.rotate('no-such-grant', 'x', 'y'), false);
  });

  it('grants: purgeExpired removes grants that expired strictly before the time', async () => {
    const gs = [100, 200, 300].map((d) => grant({ poolId: 'p1', sub: 'a' }, 'c1', { expiresAt: T0 + d }));
    for (const g of gs) await s().grants.insert(g);
    assert.equal(await s().grants.purgeExpired(T0 + 200), 1);
    assert.deepStrictEqual(await Promise.all(gs.map(async (g) => (await s().grants.state(g.id)) !== undefined)), [false, true, true]);
  });
}

export function singleUseContract(s: GetStore): void {
  it('codes: put replaces the code for the same pool, purpose and subject; recordFailure counts attempts', async () => {
    const first = code('p1', 'sub-1', 'forgot-password');
    await s().codes.put(first);
    await s().codes.put(code('p1', 'sub-1', 'signup'));
    const second = code('p1', 'sub-1', 'forgot-password', { expiresAt: T0 + 7 });
    await s().codes.put(second);
    assert.deepStrictEqual(await s().codes.get('p1', 'forgot-password', 'sub-1'), second);
    await s().codes.recordFailure('p1', 'forgot-password', 'sub-1');
    await Promise.all([1, 2].map(() => s().codes.recordFailure('p1', 'forgot-password', 'sub-1')));
    assert.equal((await s().codes.get('p1', 'forgot-password', 'sub-1'))?.attempts, 3);
    assert.equal((await s().codes.get('p1', 'signup', 'sub-1'))?.attempts, 0, 'other purposes are separate');
    await s().codes.recordFailure('p1', 'signup', 'nobody');
    assert.equal(await s().codes.get('p1', 'signup', 'nobody'), undefined, 'recordFailure creates nothing');
    assert.equal(await s().codes.get('p2', 'signup', 'sub-1'), undefined);
  });

  it('codes: consume hands the code to exactly one of racing callers', async () => {
    const c = code('p1', 'sub-2', 'signup');
    await s().codes.put(c);
    const got = await race(10, () => s().codes.consume('p1', 'signup', 'sub-2'));
    const winners = got.filter((x) => x !== undefined);
    assert.equal(winners.length, 1);
    assert.deepStrictEqual(winners[0], c);
    assert.equal(await s().codes.get('p1', 'signup', 'sub-2'), undefined);
    assert.equal(await s().codes.consume('p1', 'signup', 'sub-2'), undefined);
  });

  it('authSessions: put replaces; consume hands the session to exactly one of racing callers', async () => {
    await s().authSessions.put({ id: 'sess-1', expiresAt: T0, data: { step: 1 } });
    const latest = { id: 'sess-1', expiresAt: T0 + 1, data: { step: 2, challenge: 'PASSWORD_VERIFIER', nested: { a: [1, 'b'] } } };
    await s().authSessions.put(latest);
    const got = await race(10, () => s().authSessions.consume('sess-1'));
    const winners = got.filter((x) => x !== undefined);
    assert.equal(winners.length, 1);
    assert.deepStrictEqual(winners[0], latest);
    assert.equal(await s().authSessions.consume('sess-1'), undefined);
    assert.equal(await s().authSessions.consume('no-such-session'), undefined);
  });
}

export function keyAndMetaContract(s: GetStore): void {
  it('accessKeys: insert and get round-trip the principal', async () => {
    const k: AccessKeyRecord = {
      accessKeyId: 'ASIAEXAMPLE0000001',
      secretSealed: 'sealed',
      sessionTokenHash: 'hash',
      expiresAt: T0 + 3_600_000,
      createdAt: T0,
      principal: { kind: 'sso-role', arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice', admin: true, accountId: '123456789012' },
    };
    await s().accessKeys.insert(k);
    assert.deepStrictEqual(await s().accessKeys.get(k.accessKeyId), k);
    assert.equal(await s().accessKeys.get('ASIANOPE'), undefined);
  });

  it('meta: setIfAbsent keeps the first value, and racing callers all get the one stored', async () => {
    const key = `k-${Math.random()}`;
    assert.equal(await s().meta.get(key), undefined);
    const got = await race(10, (i) => s().meta.setIfAbsent(key, `v${i}`));
    const stored = await s().meta.get(key);
    assert.ok(stored?.startsWith('v'));
    assert.deepStrictEqual(got, Array(10).fill(stored));
    assert.equal(await s().meta.setIfAbsent(key, 'later'), stored);
  });
}
