/** Store contract, user-pool side: pools, signing keys, clients, users (with generations) and cascades. */
import assert from 'node:assert/strict';
import { it } from '../helpers/tools.ts';
import { allPages, byteOrder, client, code, type GetStore, grant, pool, race, signingKey, T0, user } from './records.ts';

export function poolContract(s: GetStore): void {
  it('pools: insert, get, update; unknown ids read as undefined', async () => {
    const p = pool('us-east-1_pool1');
    await s().pools.insert(p);
    assert.deepStrictEqual(await s().pools.get(p.id), p);
    const changed = { ...p, name: 'renamed', lastModifiedAt: T0 + 5, config: { MfaConfiguration: 'ON', Tags: { a: 'b' } } };
    await s().pools.update(changed);
    assert.deepStrictEqual(await s().pools.get(p.id), changed);
    assert.equal(await s().pools.get('us-east-1_nope'), undefined);
  });

  it('pools: list pages in byte order and the cursor resumes after the last item', async () => {
    const ids = ['us-east-1_b', 'us-east-1_A', 'us-east-1_c', 'us-east-1_B', 'us-east-1_a'];
    for (const id of ids) await s().pools.insert(pool(id));
    const seen = await allPages(2, (after) => s().pools.list(2, after));
    assert.deepStrictEqual(
      seen.map((p) => p.id),
      byteOrder(ids),
    );
    const exact = await s().pools.list(5);
    assert.equal(exact.items.length, 5);
    assert.equal(exact.next, undefined, 'no cursor when the page holds the rest exactly');
    assert.deepStrictEqual((await s().pools.list(10, 'us-east-1_c')).items, []);
  });

  it("pools: delete removes the pool's keys, clients, users, grants and codes, and nothing of another pool", async () => {
    const made = [];
    for (const id of ['us-east-1_gone', 'us-east-1_kept']) {
      await s().pools.insert(pool(id));
      await s().signingKeys.insert(signingKey(id, `kid-${id}`));
      await s().clients.insert(client(id, `client-${id}`));
      const u = user(id, 'alice');
      assert.equal(await s().users.insert(u), true);
      const g = grant(u, `client-${id}`);
      await s().grants.insert(g);
      await s().codes.put(code(id, u.sub));
      made.push({ id, u, g });
    }
    assert.equal(await s().pools.delete('us-east-1_gone'), true);
    for (const [i, m] of made.entries()) {
      const present = i === 1;
      assert.equal((await s().pools.get(m.id)) !== undefined, present);
      assert.equal((await s().signingKeys.listByPool(m.id)).length, present ? 1 : 0);
      assert.equal((await s().clients.get(m.id, `client-${m.id}`)) !== undefined, present);
      assert.equal((await s().clients.find(`client-${m.id}`)) !== undefined, present);
      assert.equal((await s().users.getBySub(m.id, m.u.sub)) !== undefined, present);
      assert.equal((await s().grants.state(m.g.id)) !== undefined, present);
      assert.equal((await s().codes.get(m.id, 'signup', m.u.sub)) !== undefined, present);
    }
    assert.equal(await s().pools.delete('us-east-1_gone'), false);
  });

  it('signingKeys: listByPool returns the pool’s keys in creation order (kid breaks ties)', async () => {
    const keys = [signingKey('p1', 'k-c', T0 + 2, 'id'), signingKey('p1', 'k-b', T0), signingKey('p1', 'k-a', T0, 'oidc')];
    for (const k of keys) await s().signingKeys.insert(k);
    await s().signingKeys.insert(signingKey('p2', 'k-other'));
    assert.deepStrictEqual(await s().signingKeys.listByPool('p1'), [keys[2], keys[1], keys[0]]);
    assert.deepStrictEqual(await s().signingKeys.listByPool('p3'), []);
  });
}

export function clientContract(s: GetStore): void {
  it('clients: get within its pool, find by id alone, update (secret set and cleared), delete', async () => {
    const plain = client('p1', 'c-plain');
    const secret = client('p1', 'c-secret', { secretSealed: 'sealed-secret' });
    await s().clients.insert(plain);
    await s().clients.insert(secret);
    assert.deepStrictEqual(await s().clients.get('p1', 'c-plain'), plain);
    assert.equal('secretSealed' in ((await s().clients.get('p1', 'c-plain')) ?? {}), false);
    assert.deepStrictEqual(await s().clients.find('c-secret'), secret);
    assert.equal(await s().clients.get('p2', 'c-plain'), undefined, 'a client is found only in its own pool');
    const { secretSealed, ...cleared } = { ...secret, name: 'renamed', lastModifiedAt: T0 + 9, config: { AllowedOAuthFlows: ['code'] } };
    await s().clients.update(cleared);
    assert.deepStrictEqual(await s().clients.get('p1', 'c-secret'), cleared);
    await s().clients.update({ ...plain, secretSealed: 'new-sealed' });
    assert.equal((await s().clients.find('c-plain'))?.secretSealed, 'new-sealed');
    assert.equal(await s().clients.delete('p2', 'c-plain'), false, 'delete names the pool too');
    assert.equal(await s().clients.delete('p1', 'c-plain'), true);
    assert.equal(await s().clients.delete('p1', 'c-plain'), false);
    assert.equal(await s().clients.find('c-plain'), undefined);
  });

  it('clients: list pages per pool in byte order', async () => {
    const ids = ['z1', 'A2', 'a3', 'M4', '05'];
    for (const id of ids) await s().clients.insert(client('p1', id));
    await s().clients.insert(client('p2', 'b-other'));
    const seen = await allPages(2, (after) => s().clients.list('p1', 2, after));
    assert.deepStrictEqual(
      seen.map((c) => c.id),
      byteOrder(ids),
    );
  });
}

export function userContract(s: GetStore): void {
  it('users: insert is false when the user name or the sub is taken; only one of racing inserts wins', async () => {
    const a = user('p1', 'alice');
    assert.equal(await s().users.insert(a), true);
    assert.equal(await s().users.insert(user('p1', 'alice')), false, 'same user name');
    assert.equal(await s().users.insert(user('p1', 'alice2', { sub: a.sub })), false, 'same sub');
    assert.equal(await s().users.insert(user('p2', 'alice', { sub: a.sub })), true, 'another pool');
    const racers = Array.from({ length: 8 }, () => user('p1', 'carol'));
    const won = await race(racers.length, (i) => s().users.insert(racers[i]!));
    assert.equal(won.filter(Boolean).length, 1);
    assert.equal((await s().users.getByKey('p1', 'carol'))?.sub, racers[won.indexOf(true)]?.sub);
  });

  it('users: records round-trip with and without optional fields', async () => {
    const full = user('p1', 'full', {
      username: 'Full',
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: false,
      generation: 4,
      attributes: [{ Name: 'email', Value: 'f@example.com' }, { Name: 'custom:empty' }],
      password: { salt: 'ab', verifier: 'cd', srpUserId: 'full' },
      temporaryPasswordExpiresAt: T0 + 1,
      pendingAttributes: [{ Name: 'email', Value: 'new@example.com' }],
      mfaOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
      preferredMfa: 'SOFTWARE_TOKEN_MFA',
    });
    const bare = user('p1', 'bare', { attributes: [] });
    for (const u of [full, bare]) {
      assert.equal(await s().users.insert(u), true);
      assert.deepStrictEqual(await s().users.getByKey('p1', u.usernameKey), u);
      assert.deepStrictEqual(await s().users.getBySub('p1', u.sub), u);
    }
    assert.equal(await s().users.getByKey('p2', 'full'), undefined);
    assert.equal(await s().users.getBySub('p1', 'no-such-sub'), undefined);
  });

  it('users: list pages by user name key in byte order', async () => {
    const keys = ['bob', 'Bob', 'alice', '_x', 'zed', 'ALICE', 'a.b'];
    for (const k of keys) await s().users.insert(user('p1', k));
    await s().users.insert(user('p2', 'other'));
    const seen = await allPages(3, (after) => s().users.list('p1', 3, after));
    assert.deepStrictEqual(
      seen.map((u) => u.usernameKey),
      byteOrder(keys),
    );
  });

  it('users: update changes the record but never lowers the generation', async () => {
    const u = user('p1', 'dave');
    await s().users.insert(u);
    assert.equal(await s().users.bumpGeneration('p1', u.sub, T0 + 1), true);
    assert.equal(await s().users.bumpGeneration('p1', u.sub, T0 + 2), true);
    const stale = {
      ...u,
      status: 'RESET_REQUIRED' as const,
      enabled: false,
      lastModifiedAt: T0 + 3,
      attributes: [{ Name: 'email', Value: 'n@x' }],
    };
    await s().users.update(stale);
    assert.deepStrictEqual(await s().users.getBySub('p1', u.sub), { ...stale, generation: 2 });
    await s().users.update({ ...stale, generation: 7 });
    assert.equal((await s().users.getByKey('p1', 'dave'))?.generation, 7);
  });

  it('users: bumpGeneration is O(1), atomic under racing calls, and false for unknown users', async () => {
    const u = user('p1', 'erin', { generation: 3 });
    await s().users.insert(u);
    const results = await race(20, (i) => s().users.bumpGeneration('p1', u.sub, T0 + 100 + i));
    assert.deepStrictEqual(results, Array(20).fill(true));
    const after = await s().users.getBySub('p1', u.sub);
    assert.equal(after?.generation, 23);
    assert.ok((after?.lastModifiedAt ?? 0) >= T0 + 100);
    assert.equal(await s().users.bumpGeneration('p1', 'no-such-sub', T0), false);
    assert.equal(await s().users.bumpGeneration('p2', u.sub, T0), false);
  });

  it("users: delete removes the user's grants and codes (by subject prefix), not another user's", async () => {
    const gone = user('p1', 'gone');
    const kept = user('p1', 'kept');
    const ids: Record<string, string> = {};
    for (const u of [gone, kept]) {
      await s().users.insert(u);
      const g = grant(u, 'c1');
      await s().grants.insert(g);
      ids[u.usernameKey] = g.id;
      await s().codes.put(code('p1', u.sub, 'signup'));
      await s().codes.put(code('p1', `${u.sub}:email`, 'verify-attribute'));
    }
    assert.equal(await s().users.delete('p1', gone.sub), true);
    assert.equal(await s().users.getBySub('p1', gone.sub), undefined);
    assert.equal(await s().grants.state(ids.gone as string), undefined);
    assert.equal(await s().codes.get('p1', 'signup', gone.sub), undefined);
    assert.equal(await s().codes.get('p1', 'verify-attribute', `${gone.sub}:email`), undefined);
    assert.ok(await s().users.getBySub('p1', kept.sub));
    assert.ok(await s().grants.state(ids.kept as string));
    assert.ok(await s().codes.get('p1', 'signup', kept.sub));
    assert.ok(await s().codes.get('p1', 'verify-attribute', `${kept.sub}:email`));
    assert.equal(await s().users.delete('p1', gone.sub), false);
  });
}
