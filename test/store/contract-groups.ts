/**
 * Store contract, groups: insert (unique per pool), update, delete with its memberships, members and a
 * user's groups paged in byte order — a user in 500 groups and a group of 10,000 users — and the cascades
 * when a user or a pool is deleted.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { GroupRecord } from '../../src/domain/types.ts';
import { allPages, byteOrder, type GetStore, pool, T0, user } from './records.ts';

const group = (poolId: string, name: string, extra: Partial<GroupRecord> = {}): GroupRecord => ({
  poolId,
  name,
  createdAt: T0,
  lastModifiedAt: T0,
  ...extra,
});

export function groupContract(s: GetStore): void {
  it('groups: insert is unique per pool and case sensitive; get, update (false when missing), list pages by name', async () => {
    const full = group('p1', 'admins', { description: 'Admins', precedence: 0, roleArn: 'arn:aws:iam::123456789012:role/Admin' });
    assert.equal(await s().groups.insert(full), true);
    assert.equal(await s().groups.insert(group('p1', 'admins', { description: 'other' })), false, 'name taken');
    assert.deepStrictEqual(await s().groups.get('p1', 'admins'), full, 'the first insert is kept');
    assert.equal(await s().groups.insert(group('p1', 'Admins')), true, 'names are case sensitive');
    assert.equal(await s().groups.insert(group('p2', 'admins')), true, 'names are per pool');
    assert.deepStrictEqual(await s().groups.get('p2', 'admins'), group('p2', 'admins'), 'absent members stay absent');

    const changed: GroupRecord = { ...full, precedence: 7, lastModifiedAt: T0 + 1 };
    delete changed.description;
    assert.equal(await s().groups.update(changed), true);
    assert.deepStrictEqual(await s().groups.get('p1', 'admins'), changed);
    assert.equal(await s().groups.update(group('p1', 'missing')), false);

    const names = ['b', 'a', 'Z', 'é', 'a-b', 'a_b'];
    for (const n of names) await s().groups.insert(group('p1', n));
    const seen = await allPages(3, (after) => s().groups.list('p1', 3, after));
    assert.deepStrictEqual(
      seen.map((g) => g.name),
      byteOrder([...names, 'admins', 'Admins']),
    );
  });

  it('groups: members are added once, removed, listed by user-name key; a deleted group takes its memberships', async () => {
    await s().groups.insert(group('p1', 'g'));
    const users = ['carol', 'alice', 'bob'].map((n) => user('p1', n));
    for (const u of users) await s().users.insert(u);
    for (const u of users) assert.equal(await s().groups.addMember('p1', 'g', u), true);
    assert.equal(await s().groups.addMember('p1', 'g', users[0] as never), true, 'adding twice is harmless');
    assert.equal(await s().groups.addMember('p1', 'missing', users[0] as never), false, 'no such group');
    assert.deepStrictEqual(await s().groups.allForUser('p1', (users[0] as { sub: string }).sub), [group('p1', 'g')]);
    const members = await allPages(2, (after) => s().groups.listMembers('p1', 'g', 2, after));
    assert.deepStrictEqual(
      members.map((u) => u.username),
      ['alice', 'bob', 'carol'],
    );
    assert.deepStrictEqual(members[0], users[1], 'members are whole user records');

    const bob = users[2] as { sub: string };
    assert.equal(await s().groups.removeMember('p1', 'g', bob.sub), true);
    assert.equal(await s().groups.removeMember('p1', 'g', bob.sub), false, 'not a member any more');
    assert.deepStrictEqual(await s().groups.allForUser('p1', bob.sub), []);

    assert.equal(await s().groups.delete('p1', 'g'), true);
    assert.equal(await s().groups.delete('p1', 'g'), false);
    await s().groups.insert(group('p1', 'g'));
    assert.deepStrictEqual((await s().groups.listMembers('p1', 'g', 10)).items, [], 'a re-created group starts empty');
    for (const u of users) assert.deepStrictEqual(await s().groups.allForUser('p1', u.sub), []);
  });

  it('groups: a user in 500 groups pages through them all, and allForUser reads them at once', async () => {
    const u = user('p1', 'many');
    await s().users.insert(u);
    const names = Array.from({ length: 500 }, (_, i) => `group-${String(i).padStart(3, '0')}`);
    for (const n of names) {
      await s().groups.insert(group('p1', n, { precedence: 500 - names.indexOf(n) }));
      await s().groups.addMember('p1', n, u);
    }
    const paged = await allPages(60, (after) => s().groups.listForUser('p1', u.sub, 60, after));
    assert.deepStrictEqual(
      paged.map((g) => g.name),
      names,
    );
    assert.equal(paged[0]?.precedence, 500);
    const all = await s().groups.allForUser('p1', u.sub);
    assert.deepStrictEqual(
      all.map((g) => g.name),
      names,
    );
  });

  it('groups: a group of 10,000 users pages through them all in user-name-key order', async () => {
    await s().groups.insert(group('p1', 'everyone'));
    const keys: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const u = user('p1', `user-${String(i).padStart(5, '0')}`);
      keys.push(u.usernameKey);
      await s().users.insert(u);
      await s().groups.addMember('p1', 'everyone', u);
    }
    const seen = await allPages(60, (after) => s().groups.listMembers('p1', 'everyone', 60, after));
    assert.equal(seen.length, 10_000);
    assert.deepStrictEqual(
      seen.map((u) => u.usernameKey),
      keys,
    );
  });

  it('users: count is the number of users of one pool', async () => {
    assert.equal(await s().users.count('p1'), 0);
    for (const n of ['a', 'b', 'c']) await s().users.insert(user('p1', n));
    await s().users.insert(user('p2', 'a'));
    assert.equal(await s().users.count('p1'), 3);
    assert.equal(await s().users.count('p2'), 1);
  });

  it('groups: deleting a user ends its memberships; deleting a pool deletes its groups', async () => {
    await s().pools.insert(pool('p1'));
    await s().groups.insert(group('p1', 'g'));
    const u = user('p1', 'alice');
    await s().users.insert(u);
    await s().groups.addMember('p1', 'g', u);
    assert.equal(await s().users.delete('p1', u.sub), true);
    assert.deepStrictEqual((await s().groups.listMembers('p1', 'g', 10)).items, []);
    assert.deepStrictEqual(await s().groups.allForUser('p1', u.sub), []);

    const v = user('p1', 'bob');
    await s().users.insert(v);
    await s().groups.addMember('p1', 'g', v);
    assert.equal(await s().pools.delete('p1'), true);
    assert.equal(await s().groups.get('p1', 'g'), undefined);
    assert.deepStrictEqual(await s().groups.allForUser('p1', v.sub), []);
  });
}
