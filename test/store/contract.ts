/**
 * The one store contract suite (HOUSE-STYLE habit 12), run against every adapter: behavioural tests over
 * the Store port — every repository method, single use and rotation under racing calls, pagination
 * cursors, delete cascades and reset(). An adapter passes when it behaves as the port says, whatever it is.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, type Tool } from '../helpers/tools.ts';
import type { Store } from '../../src/store/port.ts';
import { aliasContract } from './contract-aliases.ts';
import { clientContract, poolContract, userContract } from './contract-core.ts';
import { grantContract, keyAndMetaContract, singleUseContract } from './contract-grants.ts';
import { groupContract } from './contract-groups.ts';
import { identityContract } from './contract-identity.ts';
import { oauthContract } from './contract-oauth.ts';
import { mfaContract } from './contract-mfa.ts';
import { limitContract } from './contract-limits.ts';
import { ssoContract } from './contract-sso.ts';
import { client, code, type GetStore, grant, identity, identityPool, pool, signingKey, T0, user } from './records.ts';

export interface ContractTarget {
  /** Opens a store on empty, migrated storage. */
  open(): Promise<Store>;
  /** Removes what `open` made (after the store is closed). */
  dispose?(): Promise<void>;
  /** Tools the target needs (its tests are skipped, and counted, without them). */
  needs?: Tool[];
}

function resetContract(s: GetStore): void {
  it('reset: deletes the data of every repository and keeps meta', async () => {
    await s().meta.setIfAbsent('instance-secret', 'kept');
    await s().pools.insert(pool('p1'));
    await s().signingKeys.insert(signingKey('p1', 'kid-1'));
    await s().clients.insert(client('p1', 'c1'));
    const u = user('p1', 'alice');
    await s().users.insert(u);
    const g = grant(u, 'c1');
    await s().grants.insert(g);
    await s().codes.put(code('p1', u.sub));
    await s().authSessions.put({ id: 'as-1', expiresAt: T0, data: {} });
    await s().accessKeys.insert({
      accessKeyId: 'ASIARESET',
      secretSealed: 's',
      sessionTokenHash: 'h',
      expiresAt: T0,
      createdAt: T0,
      principal: { kind: 'identity-pool', arn: 'arn', admin: false, accountId: '123456789012' },
    });
    await s().sso.putSettings({
      startUrlAliases: [],
      deviceCodeInterval: 1,
      deviceCodeExpiresIn: 1,
      sessionDuration: 1,
      accessTokenExpiresIn: 1,
    });
    await s().sso.insertSession({ id: 'ss-1', userId: 'u', browserHash: 'b', createdAt: T0, expiresAt: T0 + 1 });
    await s().identity.insertPool(identityPool('ip1'));
    await s().identity.resolveOrCreate(identity('ip1', 'us-east-1:i1'), [{ providerName: 'p', subject: 's' }], T0);

    await s().reset();

    assert.deepStrictEqual((await s().pools.list(10)).items, []);
    assert.deepStrictEqual(await s().signingKeys.listByPool('p1'), []);
    assert.equal(await s().clients.find('c1'), undefined);
    assert.equal(await s().users.getBySub('p1', u.sub), undefined);
    assert.equal(await s().grants.state(g.id), undefined);
    assert.equal(await s().codes.get('p1', 'signup', u.sub), undefined);
    assert.equal(await s().authSessions.consume('as-1'), undefined);
    assert.equal(await s().accessKeys.get('ASIARESET'), undefined);
    assert.equal(await s().sso.getSettings(), undefined);
    assert.equal(await s().sso.getSession('ss-1'), undefined);
    assert.deepStrictEqual((await s().identity.listPools(10)).items, []);
    assert.equal(await s().identity.findByLogin('ip1', 's'), undefined);
    assert.equal(await s().meta.get('instance-secret'), 'kept', 'instance secrets survive a reset');
    await s().pools.insert(pool('p1'));
    assert.ok(await s().pools.get('p1'), 'usable after reset');
  });
}

/** Registers the whole contract suite for one adapter. Each test starts from reset() storage. */
export function storeContract(name: string, target: ContractTarget): void {
  describe(`Store contract: ${name}`, { needs: target.needs ?? [] }, () => {
    let store: Store | undefined;
    const s: GetStore = () => {
      if (!store) throw new Error('store not open');
      return store;
    };
    before(async () => {
      store = await target.open();
    });
    after(async () => {
      await store?.close();
      await target.dispose?.();
    });
    beforeEach(async () => {
      await s().reset();
    });

    it('names its kind', () => {
      assert.ok(['sqlite', 'postgres'].includes(s().kind));
      assert.equal(s().kind, name);
    });
    poolContract(s);
    clientContract(s);
    userContract(s);
    aliasContract(s);
    grantContract(s);
    singleUseContract(s);
    keyAndMetaContract(s);
    ssoContract(s);
    identityContract(s);
    oauthContract(s);
    groupContract(s);
    mfaContract(s);
    limitContract(s);
    resetContract(s);
  });
}
