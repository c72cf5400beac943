/** Store contract: users.findByAlias, the indexed sign-in alias lookup, kept in step by insert/update/delete. */
import assert from 'node:assert/strict';
import { it } from '../helpers/tools.ts';
import type { AttributeType } from '../../src/domain/types.ts';
import { byteOrder, type GetStore, user } from './records.ts';

const attrs = (pairs: [string, string][]): AttributeType[] => pairs.map(([Name, Value]) => ({ Name, Value }));

export function aliasContract(s: GetStore): void {
  it('users: findByAlias matches the lower-cased value of each alias attribute, in user name key byte order', async () => {
    const keys = ['zed', 'Bob', 'amy', '_x'];
    for (const k of keys) {
      await s().users.insert(user('p1', k, { attributes: attrs([['email', 'Shared@Example.COM']]) }));
    }
    await s().users.insert(user('p2', 'other-pool', { attributes: attrs([['email', 'shared@example.com']]) }));
    await s().users.insert(
      user('p1', 'carol', {
        attributes: attrs([
          ['phone_number', '+15550100'],
          ['preferred_username', 'CaroL'],
          ['email', 'carol@example.com'],
        ]),
      }),
    );
    await s().users.insert(user('p1', 'bare', { attributes: [] }));

    const shared = await s().users.findByAlias('p1', 'email', 'shared@example.com');
    assert.deepStrictEqual(
      shared.map((u) => u.usernameKey),
      byteOrder(keys),
    );
    assert.deepStrictEqual(shared[0], await s().users.getByKey('p1', shared[0]?.usernameKey ?? ''), 'whole records');
    assert.deepStrictEqual(
      (await s().users.findByAlias('p2', 'email', 'shared@example.com')).map((u) => u.usernameKey),
      ['other-pool'],
    );
    assert.deepStrictEqual(
      (await s().users.findByAlias('p1', 'preferred_username', 'carol')).map((u) => u.usernameKey),
      ['carol'],
    );
    assert.deepStrictEqual(
      (await s().users.findByAlias('p1', 'phone_number', '+15550100')).map((u) => u.usernameKey),
      ['carol'],
    );
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'email', 'Shared@Example.COM'), [], 'the caller lower-cases');
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'preferred_username', 'carol@example.com'), [], 'per attribute');
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'email', 'nobody@example.com'), []);
  });

  it('users: findByAlias reads the first attribute of a name and lower-cases beyond ASCII', async () => {
    await s().users.insert(
      user('p1', 'dup', {
        attributes: attrs([
          ['email', 'first@example.com'],
          ['email', 'second@example.com'],
        ]),
      }),
    );
    await s().users.insert(user('p1', 'intl', { attributes: attrs([['email', 'ÉLODIE.İ@EXAMPLE.COM']]) }));
    assert.equal((await s().users.findByAlias('p1', 'email', 'first@example.com'))[0]?.usernameKey, 'dup');
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'email', 'second@example.com'), []);
    const wanted = 'ÉLODIE.İ@EXAMPLE.COM'.toLowerCase();
    assert.equal((await s().users.findByAlias('p1', 'email', wanted))[0]?.usernameKey, 'intl');
  });

  it('users: update and delete keep findByAlias in step', async () => {
    const u = user('p1', 'erin', { attributes: attrs([['email', 'old@example.com']]) });
    await s().users.insert(u);
    await s().users.update({
      ...u,
      attributes: attrs([
        ['email', 'New@Example.com'],
        ['preferred_username', 'Erin'],
      ]),
    });
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'email', 'old@example.com'), []);
    assert.equal((await s().users.findByAlias('p1', 'email', 'new@example.com'))[0]?.sub, u.sub);
    assert.equal((await s().users.findByAlias('p1', 'preferred_username', 'erin'))[0]?.sub, u.sub);
    await s().users.update({ ...u, attributes: [] });
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'email', 'new@example.com'), [], 'a removed attribute');
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'preferred_username', 'erin'), []);
    await s().users.update({ ...u, attributes: attrs([['phone_number', '+15550199']]) });
    assert.equal(await s().users.delete('p1', u.sub), true);
    assert.deepStrictEqual(await s().users.findByAlias('p1', 'phone_number', '+15550199'), []);
  });
}
