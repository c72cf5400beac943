/**
 * Migration 4 (indexed sign-in alias keys) on a database written before it: both adapters backfill the
 * keys from the users' stored attributes exactly as they write them (first attribute of a name, lower-cased
 * beyond ASCII), so findByAlias finds users that existed before the upgrade.
 */
import assert from 'node:assert/strict';
import { describe, it } from '../helpers/tools.ts';
import type { Store } from '../../src/store/port.ts';
import { upgradePostgres, upgradeSqlite } from '../helpers/old-store.ts';
import { T0 } from './records.ts';

/** Users as rows of the pre-migration-4 table: (username_key, attributes). */
const OLD_USERS: [string, { Name: string; Value?: string }[]][] = [
  [
    'amy',
    [
      { Name: 'email', Value: 'Amy@Example.COM' },
      { Name: 'email', Value: 'ignored@example.com' },
      { Name: 'phone_number', Value: '+15550100' },
    ],
  ],
  ['bob', [{ Name: 'preferred_username', Value: 'ÉLODIE.İ' }]],
  [
    'carl',
    [
      { Name: 'email', Value: 'amy@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ],
  ],
  ['dee', []],
];

const INSERT_OLD = `INSERT INTO users (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data)
  VALUES ($1, $2, $3, $4, 'CONFIRMED', $5, 0, $6, $7, $8)`;

function oldRow(key: string, attributes: unknown[], enabled: unknown): unknown[] {
  return ['p1', key, key, `sub-${key}`, enabled, T0, T0, JSON.stringify({ attributes })];
}

async function assertBackfilled(store: Store): Promise<void> {
  const keys = async (a: 'email' | 'phone_number' | 'preferred_username', v: string) =>
    (await store.users.findByAlias('p1', a, v)).map((u) => u.usernameKey);
  assert.deepStrictEqual(await keys('email', 'amy@example.com'), ['amy', 'carl']);
  assert.deepStrictEqual(await keys('email', 'ignored@example.com'), [], 'only the first attribute of a name');
  assert.deepStrictEqual(await keys('phone_number', '+15550100'), ['amy']);
  assert.deepStrictEqual(await keys('preferred_username', 'ÉLODIE.İ'.toLowerCase()), ['bob'], "JavaScript's lower-casing");
  assert.deepStrictEqual(await keys('preferred_username', 'élodie.i'), []);
  const carl = await store.users.getByKey('p1', 'carl');
  assert.deepStrictEqual(carl?.attributes, OLD_USERS[2]?.[1], 'the records themselves are unchanged');
}

describe('migration 4: alias keys backfilled', () => {
  it('sqlite', async () => {
    await upgradeSqlite(
      'cognate-alias-migration-',
      4,
      (db) => {
        const ins = db.prepare(INSERT_OLD.replace(/\$\d/g, '?'));
        for (const [k, a] of OLD_USERS) ins.run(...oldRow(k, a, 1));
      },
      (store) => assertBackfilled(store),
    );
  });

  it('postgres', { needs: ['postgres'] }, async () => {
    await upgradePostgres(
      'aliasmig',
      4,
      async (pool) => {
        for (const [k, a] of OLD_USERS) await pool.query(INSERT_OLD, oldRow(k, a, true));
      },
      (store) => assertBackfilled(store),
    );
  });
});
