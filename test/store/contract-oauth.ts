/**
 * Store contract, managed-login side: user pool domains (one name, one pool), resource servers (pages in
 * byte order), browser sessions whose end revokes the grants issued through them in one step, cascades.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DomainRecord, LoginSessionRecord } from '../../src/domain/oauth/types.ts';
import { allPages, byteOrder, type GetStore, grant, pool, race, T0, user } from './records.ts';

const domain = (name: string, poolId: string, extra: Partial<DomainRecord> = {}): DomainRecord => ({
  domain: name,
  poolId,
  custom: name.includes('.'),
  managedLoginVersion: 1,
  createdAt: T0,
  lastModifiedAt: T0,
  ...extra,
});

const session = (id: string, poolId: string, sub: string, extra: Partial<LoginSessionRecord> = {}): LoginSessionRecord => ({
  id,
  poolId,
  sub,
  browserHash: 'ab'.repeat(32),
  generation: 0,
  authTime: T0,
  createdAt: T0,
  expiresAt: T0 + 3_600_000,
  ...extra,
});

export function oauthContract(s: GetStore): void {
  it('domains: a name belongs to one pool; get, list by pool, update, delete', async () => {
    assert.equal(await s().oauth.insertDomain(domain('my-app', 'p1')), true);
    assert.equal(await s().oauth.insertDomain(domain('my-app', 'p2')), false, 'a name is taken once, whatever the pool');
    const custom = domain('auth.example.com', 'p1', { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' });
    assert.equal(await s().oauth.insertDomain(custom), true);
    assert.deepStrictEqual(await s().oauth.getDomain('auth.example.com'), custom);
    assert.deepStrictEqual(
      (await s().oauth.domainsOfPool('p1')).map((d) => d.domain),
      ['auth.example.com', 'my-app'],
    );
    const changed = { ...custom, managedLoginVersion: 2, lastModifiedAt: T0 + 5 };
    await s().oauth.updateDomain(changed);
    assert.deepStrictEqual(await s().oauth.getDomain('auth.example.com'), changed);
    assert.equal(await s().oauth.deleteDomain('my-app'), true);
    assert.equal(await s().oauth.deleteDomain('my-app'), false);
    assert.equal(await s().oauth.getDomain('my-app'), undefined);
    const racers = await race(6, (i) => s().oauth.insertDomain(domain('contested', `p${i}`)));
    assert.equal(racers.filter(Boolean).length, 1, 'exactly one racing insert wins the name');
  });

  it('resource servers: insert once per pool, get, count, pages in byte order, update, delete', async () => {
    const ids = ['orders', 'B', 'https://api.example.com', 'a'];
    for (const id of ids) {
      assert.equal(await s().oauth.insertResourceServer({ poolId: 'p1', identifier: id, name: id, scopes: [] }), true);
    }
    assert.equal(await s().oauth.insertResourceServer({ poolId: 'p1', identifier: 'orders', name: 'x', scopes: [] }), false);
    assert.equal(await s().oauth.insertResourceServer({ poolId: 'p2', identifier: 'orders', name: 'x', scopes: [] }), true);
    assert.equal(await s().oauth.countResourceServers('p1'), 4);
    const seen = await allPages(3, (after) => s().oauth.listResourceServers('p1', 3, after));
    assert.deepStrictEqual(
      seen.map((r) => r.identifier),
      byteOrder(ids),
    );
    const scopes = [{ ScopeName: 'read', ScopeDescription: 'Read' }];
    assert.equal(await s().oauth.updateResourceServer({ poolId: 'p1', identifier: 'orders', name: 'Orders', scopes }), true);
    assert.deepStrictEqual(await s().oauth.getResourceServer('p1', 'orders'), {
      poolId: 'p1',
      identifier: 'orders',
      name: 'Orders',
      scopes,
    });
    assert.equal(await s().oauth.updateResourceServer({ poolId: 'p1', identifier: 'gone', name: 'x', scopes }), false);
    assert.equal(await s().oauth.deleteResourceServer('p1', 'orders'), true);
    assert.equal(await s().oauth.deleteResourceServer('p1', 'orders'), false);
    assert.equal(await s().oauth.getResourceServer('p1', 'orders'), undefined);
    assert.ok(await s().oauth.getResourceServer('p2', 'orders'), "another pool's server is untouched");
  });

  it('login sessions: ending one revokes exactly the grants issued through it, once', async () => {
    await s().pools.insert(pool('p1'));
    const u = user('p1', 'alice');
    await s().users.insert(u);
    const a = session('s-a', 'p1', u.sub);
    await s().oauth.insertLoginSession(a);
    await s().oauth.insertLoginSession(session('s-b', 'p1', u.sub));
    assert.deepStrictEqual(await s().oauth.getLoginSession('s-a'), a);
    const g1 = grant(u, 'c1');
    const g2 = grant(u, 'c1');
    const other = grant(u, 'c1');
    for (const g of [g1, g2, other]) await s().grants.insert(g);
    await s().oauth.linkGrant('p1', 's-a', g1.id);
    await s().oauth.linkGrant('p1', 's-a', g2.id);
    await s().oauth.linkGrant('p1', 's-a', g2.id); // linking twice is harmless
    await s().oauth.linkGrant('p1', 's-b', other.id);
    assert.equal(await s().oauth.endLoginSession('s-a', T0 + 10, true), 2);
    assert.equal((await s().oauth.getLoginSession('s-a'))?.endedAt, T0 + 10);
    assert.equal((await s().grants.state(g1.id))?.grant.revokedAt, T0 + 10);
    assert.equal((await s().grants.state(g2.id))?.grant.revokedAt, T0 + 10);
    assert.equal((await s().grants.state(other.id))?.grant.revokedAt, undefined, "another session's grant lives on");
    assert.equal(await s().oauth.endLoginSession('s-a', T0 + 20, true), 0, 'a second end revokes nothing more');
    assert.equal((await s().oauth.getLoginSession('s-a'))?.endedAt, T0 + 10, 'the first end time stays');
    assert.equal(await s().oauth.endLoginSession('missing', T0, true), undefined);
  });

  it("login sessions: ending one without its grants (Cognito's /logout) leaves every grant alive", async () => {
    await s().pools.insert(pool('p1'));
    const u = user('p1', 'alice');
    await s().users.insert(u);
    await s().oauth.insertLoginSession(session('s-a', 'p1', u.sub));
    const g = grant(u, 'c1');
    await s().grants.insert(g);
    await s().oauth.linkGrant('p1', 's-a', g.id);
    assert.equal(await s().oauth.endLoginSession('s-a', T0 + 10, false), 0);
    assert.equal((await s().oauth.getLoginSession('s-a'))?.endedAt, T0 + 10);
    assert.equal((await s().grants.state(g.id))?.grant.revokedAt, undefined);
    assert.equal(await s().oauth.endLoginSession('missing', T0, false), undefined);
  });

  it('login sessions: purge removes the ended and expired ones; pool delete removes domains, servers and sessions', async () => {
    await s().pools.insert(pool('p1'));
    await s().oauth.insertLoginSession(session('old', 'p1', 'sub', { expiresAt: T0 + 1 }));
    await s().oauth.insertLoginSession(session('live', 'p1', 'sub', { expiresAt: T0 + 100 }));
    assert.equal(await s().oauth.purgeLoginSessions(T0 + 50), 1);
    assert.equal(await s().oauth.getLoginSession('old'), undefined);
    assert.ok(await s().oauth.getLoginSession('live'));
    await s().oauth.insertDomain(domain('p1-app', 'p1'));
    await s().oauth.insertResourceServer({ poolId: 'p1', identifier: 'rs', name: 'rs', scopes: [] });
    await s().pools.delete('p1');
    assert.equal(await s().oauth.getDomain('p1-app'), undefined);
    assert.equal(await s().oauth.getResourceServer('p1', 'rs'), undefined);
    assert.equal(await s().oauth.getLoginSession('live'), undefined);
  });
}
