/** Store contract, IAM Identity Center side: directory, OIDC clients, device and code authorizations, sessions, tokens. */
import assert from 'node:assert/strict';
import { it } from '../helpers/tools.ts';
import type { DeviceAuthorization, SsoDirectory, SsoSettings, SsoToken } from '../../src/domain/sso/types.ts';
import { allPages, type GetStore, race, T0 } from './records.ts';

const password = { salt: '00', verifier: '11', srpUserId: 'x' };

const directory = (names: string[], accounts = ['111111111111', '222222222222', '333333333333']): SsoDirectory => ({
  users: names.map((n) => ({ userName: n, displayName: n.toUpperCase(), email: `${n}@example.com`, password })),
  accounts: accounts.map((id) => ({ accountId: id, accountName: `acct ${id}`, emailAddress: `${id}@example.com` })),
  permissionSets: [
    { name: 'Admin', sessionDuration: 3600, adminAccess: true },
    { name: 'ReadOnly', sessionDuration: 7200, adminAccess: false },
    { name: 'Billing', sessionDuration: 900, adminAccess: false },
  ],
  assignments: accounts.flatMap((id) => [
    { userName: names[0] as string, accountId: id, permissionSet: 'ReadOnly' },
    { userName: names[0] as string, accountId: id, permissionSet: 'Admin' },
  ]),
});

const device = (hash: string, userCode: string, extra: Partial<DeviceAuthorization> = {}): DeviceAuthorization => ({
  deviceCodeHash: hash,
  userCode,
  clientId: 'oc-1',
  status: 'pending',
  interval: 5,
  createdAt: T0,
  expiresAt: T0 + 600_000,
  ...extra,
});

const token = (hash: string, sessionId: string, extra: Partial<SsoToken> = {}): SsoToken => ({
  hash,
  kind: 'refresh',
  sessionId,
  clientId: 'oc-1',
  scopes: ['sso:account:access'],
  createdAt: T0,
  expiresAt: T0 + 3_600_000,
  ...extra,
});

export function ssoContract(s: GetStore): void {
  it('sso: settings are absent until put, then replaced whole', async () => {
    assert.equal(await s().sso.getSettings(), undefined);
    const a: SsoSettings = {
      startUrlAliases: [],
      deviceCodeInterval: 1,
      deviceCodeExpiresIn: 600,
      sessionDuration: 28800,
      accessTokenExpiresIn: 3600,
    };
    await s().sso.putSettings(a);
    const b: SsoSettings = { ...a, startUrl: 'https://example.com/start', startUrlAliases: ['https://d-1.awsapps.com/start'] };
    await s().sso.putSettings(b);
    assert.deepStrictEqual(await s().sso.getSettings(), b);
  });

  it('sso: replaceDirectory keeps the ids of known user names (any case) and drops users no longer listed', async () => {
    await s().sso.replaceDirectory(directory(['alice', 'bob']));
    const alice = await s().sso.userByName('ALICE');
    const bob = await s().sso.userByName('bob');
    assert.ok(alice && bob && alice.id !== bob.id);
    assert.equal(alice.displayName, 'ALICE');
    await s().sso.replaceDirectory({
      ...directory(['Alice', 'carol']),
      assignments: [{ userName: 'carol', accountId: '111111111111', permissionSet: 'Billing' }],
    });
    const again = await s().sso.userByName('alice');
    assert.equal(again?.id, alice.id, 'same id for the same name');
    assert.equal(again?.userName, 'Alice');
    assert.deepStrictEqual(await s().sso.userById(alice.id), again);
    assert.equal(await s().sso.userByName('bob'), undefined);
    assert.equal(await s().sso.userById(bob.id), undefined);
    assert.deepStrictEqual((await s().sso.accountsOf(alice.id, 10)).items, [], 'assignments are replaced too');
    const carol = await s().sso.userByName('carol');
    assert.deepStrictEqual((await s().sso.rolesOf(carol?.id as string, '111111111111', 10)).items, [
      { name: 'Billing', sessionDuration: 900, adminAccess: false },
    ]);
  });

  it('sso: accountsOf lists each assigned account once, pages by account id; rolesOf pages by name', async () => {
    await s().sso.replaceDirectory(directory(['dana', 'eve'], ['333333333333', '111111111111', '222222222222']));
    const dana = (await s().sso.userByName('dana'))?.id as string;
    const eve = (await s().sso.userByName('eve'))?.id as string;
    const accounts = await allPages(2, (after) => s().sso.accountsOf(dana, 2, after));
    assert.deepStrictEqual(
      accounts.map((a) => a.accountId),
      ['111111111111', '222222222222', '333333333333'],
    );
    assert.deepStrictEqual(accounts[0], {
      accountId: '111111111111',
      accountName: 'acct 111111111111',
      emailAddress: '111111111111@example.com',
    });
    assert.deepStrictEqual((await s().sso.accountsOf(eve, 10)).items, []);
    const roles = await allPages(1, (after) => s().sso.rolesOf(dana, '222222222222', 1, after));
    assert.deepStrictEqual(roles, [
      { name: 'Admin', sessionDuration: 3600, adminAccess: true },
      { name: 'ReadOnly', sessionDuration: 7200, adminAccess: false },
    ]);
    assert.deepStrictEqual(await s().sso.account('222222222222'), accounts[1]);
    assert.equal(await s().sso.account('999999999999'), undefined);
  });

  it('sso: OIDC clients round-trip', async () => {
    const c = {
      id: 'oc-1',
      name: 'cli',
      secretHash: 'h',
      scopes: ['sso:account:access'],
      redirectUris: [],
      grantTypes: ['refresh_token'],
      issuedAt: T0,
      expiresAt: T0 + 1,
    };
    await s().sso.insertClient(c);
    assert.deepStrictEqual(await s().sso.getClient('oc-1'), c);
    assert.equal(await s().sso.getClient('oc-2'), undefined);
  });

  it('sso: device authorizations — unique codes, decided once, polled, consumed once only when approved', async () => {
    const d = device('dh-1', 'ABCD-EFGH');
    assert.equal(await s().sso.insertDevice({ ...d, status: 'approved', sessionId: 'ignored' }), true);
    assert.deepStrictEqual(await s().sso.deviceByHash('dh-1'), d, 'a new authorization is always pending');
    assert.equal(await s().sso.insertDevice(device('dh-1', 'WXYZ-WXYZ')), false, 'device code taken');
    assert.equal(await s().sso.insertDevice(device('dh-2', 'ABCD-EFGH')), false, 'user code taken');
    assert.deepStrictEqual(await s().sso.deviceByUserCode('ABCD-EFGH'), d);
    assert.equal(await s().sso.consumeDevice('dh-1'), undefined, 'pending is not consumable');
    await s().sso.recordPoll('dh-1', T0 + 5, 10);
    assert.equal(await s().sso.decideDevice('ABCD-EFGH', 'approved', 'sess-1'), true);
    assert.equal(await s().sso.decideDevice('ABCD-EFGH', 'denied', undefined), false, 'decided once');
    const approved = { ...d, status: 'approved' as const, sessionId: 'sess-1', lastPolledAt: T0 + 5, interval: 10 };
    assert.deepStrictEqual(await s().sso.deviceByHash('dh-1'), approved);
    const got = await race(8, () => s().sso.consumeDevice('dh-1'));
    assert.deepStrictEqual(
      got.filter((x) => x !== undefined),
      [approved],
    );
    assert.equal(await s().sso.deviceByHash('dh-1'), undefined);
    await s().sso.insertDevice(device('dh-3', 'DENY-DENY'));
    assert.equal(await s().sso.decideDevice('DENY-DENY', 'denied', undefined), true);
    assert.equal((await s().sso.deviceByUserCode('DENY-DENY'))?.sessionId, undefined);
    assert.equal(await s().sso.consumeDevice('dh-3'), undefined, 'denied is not consumable');
  });

  it('sso: authorization codes are consumed once by racing callers', async () => {
    const c = {
      codeHash: 'ch-1',
      clientId: 'oc-1',
      redirectUri: 'http://127.0.0.1:9/cb',
      codeChallenge: 'cc',
      sessionId: 'sess-1',
      scopes: ['a'],
      expiresAt: T0 + 60_000,
    };
    await s().sso.insertCode(c);
    const got = await race(8, () => s().sso.consumeCode('ch-1'));
    assert.deepStrictEqual(
      got.filter((x) => x !== undefined),
      [c],
    );
  });

  it('sso: sessions end once; a token reads its session and whether the user still exists', async () => {
    await s().sso.replaceDirectory(directory(['frank']));
    const frank = (await s().sso.userByName('frank'))?.id as string;
    const sess = { id: 'sess-1', userId: frank, browserHash: 'bh', createdAt: T0, expiresAt: T0 + 28_800_000 };
    await s().sso.insertSession(sess);
    assert.deepStrictEqual(await s().sso.getSession('sess-1'), sess);
    const t = token('th-1', 'sess-1', { kind: 'access' });
    await s().sso.insertToken(t);
    assert.deepStrictEqual(await s().sso.tokenState('th-1'), { token: t, session: sess, userExists: true });
    assert.equal(await s().sso.endSession('sess-1', T0 + 9), true);
    assert.equal(await s().sso.endSession('sess-1', T0 + 10), false);
    assert.equal(await s().sso.endSession('no-such-session', T0), false);
    assert.deepStrictEqual(await s().sso.tokenState('th-1'), { token: t, session: { ...sess, endedAt: T0 + 9 }, userExists: true });
    await s().sso.replaceDirectory(directory(['grace']));
    assert.equal((await s().sso.tokenState('th-1'))?.userExists, false);
    const lost = token('th-2', 'no-such-session');
    await s().sso.insertToken(lost);
    assert.deepStrictEqual(await s().sso.tokenState('th-2'), { token: lost, userExists: false });
    assert.equal(await s().sso.tokenState('th-none'), undefined);
  });

  it('sso: a refresh token is consumed once by racing callers', async () => {
    const t = token('th-r', 'sess-1');
    await s().sso.insertToken(t);
    const got = await race(8, () => s().sso.consumeToken('th-r'));
    assert.deepStrictEqual(
      got.filter((x) => x !== undefined),
      [t],
    );
    assert.equal(await s().sso.tokenState('th-r'), undefined);
  });

  it('sso: purgeExpired removes expired authorizations, codes, tokens, sessions and clients, and counts them', async () => {
    const old = T0 + 10;
    await s().sso.insertDevice(device('dh-old', 'OLD1-OLD1', { expiresAt: old }));
    await s().sso.insertDevice(device('dh-new', 'NEW1-NEW1'));
    await s().sso.insertCode({
      codeHash: 'ch-old',
      clientId: 'c',
      redirectUri: 'r',
      codeChallenge: 'x',
      sessionId: 's',
      scopes: [],
      expiresAt: old,
    });
    await s().sso.insertToken(token('th-old', 's-old', { expiresAt: old }));
    await s().sso.insertToken(token('th-new', 's-new'));
    await s().sso.insertSession({ id: 's-old', userId: 'u', browserHash: 'b', createdAt: T0, expiresAt: old });
    await s().sso.insertClient({
      id: 'oc-old',
      name: 'n',
      secretHash: 'h',
      scopes: [],
      redirectUris: [],
      grantTypes: [],
      issuedAt: T0,
      expiresAt: old,
    });
    assert.equal(await s().sso.purgeExpired(T0 + 11), 5);
    assert.equal(await s().sso.deviceByHash('dh-old'), undefined);
    assert.ok(await s().sso.deviceByHash('dh-new'));
    assert.equal(await s().sso.consumeCode('ch-old'), undefined);
    assert.equal(await s().sso.tokenState('th-old'), undefined);
    assert.ok(await s().sso.tokenState('th-new'));
    assert.equal(await s().sso.getSession('s-old'), undefined);
    assert.equal(await s().sso.getClient('oc-old'), undefined);
  });
}
