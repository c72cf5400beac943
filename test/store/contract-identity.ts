/** Store contract, identity-pool side: pools, identities, linked logins (atomic GetId), cascades. */
import assert from 'node:assert/strict';
import { it } from '../helpers/tools.ts';
import { allPages, byteOrder, type GetStore, identity, identityPool, race, T0 } from './records.ts';

const IDP = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc';
const GOOGLE = 'accounts.google.com';
const login = (subject: string, providerName = IDP) => ({ providerName, subject });

export function identityContract(s: GetStore): void {
  it('identity pools: insert, get, update (false when missing), list pages in byte order', async () => {
    const ids = ['us-east-1:b', 'us-east-1:A', 'us-east-1:a', 'eu-west-1:z'];
    for (const id of ids) await s().identity.insertPool(identityPool(id));
    const full = identityPool('us-east-1:full', {
      supportedLoginProviders: { [GOOGLE]: 'client-id' },
      developerProviderName: 'login.dev',
      cognitoIdentityProviders: [{ ProviderName: IDP, ClientId: 'c1', ServerSideTokenCheck: true }],
      roles: { authenticated: 'arn:aws:iam::123456789012:role/Auth' },
      roleMappings: { [IDP]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
    });
    await s().identity.insertPool(full);
    assert.deepStrictEqual(await s().identity.getPool(full.id), full);
    const changed = { ...full, name: 'renamed', allowUnauthenticated: false, lastModifiedAt: T0 + 1, tags: {} };
    assert.equal(await s().identity.updatePool(changed), true);
    assert.deepStrictEqual(await s().identity.getPool(full.id), changed);
    assert.equal(await s().identity.updatePool(identityPool('us-east-1:missing')), false);
    assert.equal(await s().identity.getPool('us-east-1:missing'), undefined);
    const seen = await allPages(2, (after) => s().identity.listPools(2, after));
    assert.deepStrictEqual(
      seen.map((p) => p.id),
      byteOrder([...ids, full.id]),
    );
  });

  it('identities: resolveOrCreate creates with the logins, then finds the identity by any of them and links the rest', async () => {
    const fresh = identity('ip1');
    const first = await s().identity.resolveOrCreate(fresh, [login('ip1-sub-a')], T0 + 1);
    assert.deepStrictEqual(first, { ok: true, identity: { ...fresh, logins: [IDP], lastModifiedAt: T0 + 1 } });
    assert.deepStrictEqual(await s().identity.getIdentity(fresh.id), { ...fresh, logins: [IDP], lastModifiedAt: T0 + 1 });
    const other = identity('ip1');
    const second = await s().identity.resolveOrCreate(other, [login('ip1-sub-a'), login('g-1', GOOGLE)], T0 + 2);
    assert.deepStrictEqual(second, { ok: true, identity: { ...fresh, logins: [IDP, GOOGLE], lastModifiedAt: T0 + 2 } });
    assert.equal(await s().identity.getIdentity(other.id), undefined, 'no second identity');
    assert.equal(await s().identity.findByLogin('ip1', 'g-1'), fresh.id);
    const same = await s().identity.resolveOrCreate(identity('ip1'), [login('g-1', GOOGLE)], T0 + 3);
    assert.deepStrictEqual(same, second, 'nothing new linked: the identity is unchanged');
    assert.equal(await s().identity.findByLogin('ip2', 'g-1'), undefined, 'logins are per pool');
  });

  it('identities: resolveOrCreate conflicts when the logins belong to different identities', async () => {
    const a = identity('ip1');
    const b = identity('ip1');
    await s().identity.resolveOrCreate(a, [login('x-1')], T0);
    await s().identity.resolveOrCreate(b, [login('y-1', GOOGLE)], T0);
    const r = await s().identity.resolveOrCreate(identity('ip1'), [login('x-1'), login('y-1', GOOGLE)], T0 + 1);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && [a.id, b.id].includes(r.conflictWith));
    assert.deepStrictEqual((await s().identity.getIdentity(a.id))?.logins, [IDP]);
    assert.deepStrictEqual((await s().identity.getIdentity(b.id))?.logins, [GOOGLE]);
  });

  it('identities: racing resolveOrCreate calls for one login end with one identity', async () => {
    const fresh = Array.from({ length: 8 }, () => identity('ip-race'));
    const results = await race(fresh.length, (i) => s().identity.resolveOrCreate(fresh[i]!, [login('racer')], T0));
    const ids = new Set(results.map((r) => (r.ok ? r.identity.id : `conflict:${r.conflictWith}`)));
    assert.equal(ids.size, 1, `one identity, got ${[...ids].join(', ')}`);
    const page = await s().identity.listIdentities('ip-race', 60);
    assert.equal(page.items.length, 1);
    assert.equal(await s().identity.findByLogin('ip-race', 'racer'), page.items[0]?.id);
  });

  it('identities: link adds logins to an existing identity, conflicts with another owner, refuses a missing identity', async () => {
    const unauth = identity('ip1');
    await s().identity.insertIdentity(unauth);
    assert.deepStrictEqual(await s().identity.getIdentity(unauth.id), unauth);
    const linked = await s().identity.link(unauth.id, [login('l-1', GOOGLE)], T0 + 4);
    assert.deepStrictEqual(linked, { ok: true, identity: { ...unauth, logins: [GOOGLE], lastModifiedAt: T0 + 4 } });
    const owner = identity('ip1');
    await s().identity.resolveOrCreate(owner, [login('l-2')], T0);
    assert.deepStrictEqual(await s().identity.link(unauth.id, [login('l-2')], T0 + 5), { ok: false, conflictWith: owner.id });
    assert.deepStrictEqual((await s().identity.getIdentity(unauth.id))?.logins, [GOOGLE], 'nothing linked on conflict');
    assert.deepStrictEqual(await s().identity.link('us-east-1:missing', [login('l-3')], T0), {
      ok: false,
      conflictWith: 'us-east-1:missing',
    });
  });

  it('identities: list pages per pool in byte order; deleteIdentities counts and unlinks their logins', async () => {
    const ids = ['us-east-1:c', 'us-east-1:A', 'us-east-1:a', 'us-east-1:B', 'us-east-1:b'];
    for (const id of ids) await s().identity.insertIdentity(identity('ip1', id));
    await s().identity.insertIdentity(identity('ip2', 'us-east-1:other'));
    const seen = await allPages(2, (after) => s().identity.listIdentities('ip1', 2, after));
    assert.deepStrictEqual(
      seen.map((i) => i.id),
      byteOrder(ids),
    );
    await s().identity.link('us-east-1:a', [login('d-1')], T0);
    assert.equal(await s().identity.deleteIdentities(['us-east-1:a', 'us-east-1:b', 'us-east-1:missing']), 2);
    assert.equal(await s().identity.getIdentity('us-east-1:a'), undefined);
    assert.equal(await s().identity.findByLogin('ip1', 'd-1'), undefined);
    assert.equal((await s().identity.listIdentities('ip1', 60)).items.length, 3);
  });

  it('identity pools: deletePool removes its identities and logins, not another pool’s', async () => {
    for (const p of ['ip-gone', 'ip-kept']) {
      await s().identity.insertPool(identityPool(p));
      await s().identity.resolveOrCreate(identity(p, `us-east-1:${p}`), [login(`${p}-sub`)], T0);
    }
    assert.equal(await s().identity.deletePool('ip-gone'), true);
    assert.equal(await s().identity.getPool('ip-gone'), undefined);
    assert.equal(await s().identity.getIdentity('us-east-1:ip-gone'), undefined);
    assert.equal(await s().identity.findByLogin('ip-gone', 'ip-gone-sub'), undefined);
    assert.ok(await s().identity.getIdentity('us-east-1:ip-kept'));
    assert.equal(await s().identity.findByLogin('ip-kept', 'ip-kept-sub'), 'us-east-1:ip-kept');
    assert.equal(await s().identity.deletePool('ip-gone'), false);
  });
}
