/**
 * Migration 400 (the wrong-password count moves from the user record to the store's brake) on a database
 * written before it: both adapters carry a user's count and lock over to the brake, so an upgrade in place
 * neither forgives failures nor lifts a lock, and leave no count behind in the user record.
 */
import assert from 'node:assert/strict';
import { PASSWORD_BRAKE } from '../../src/domain/password-brake.ts';
import type { Store } from '../../src/store/port.ts';
import { upgradePostgres, upgradeSqlite } from '../helpers/old-store.ts';
import { describe, it } from '../helpers/tools.ts';

const INSERT_OLD = `INSERT INTO users (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data)
  VALUES ($1, $2, $3, $4, 'CONFIRMED', $5, 0, 1, 1, $6)`;

/** Three users as the adapters wrote them before migration 400: locked, counting, and clean. */
function oldRows(lockedUntil: number, enabled: unknown): unknown[][] {
  const data = (extra: Record<string, unknown>) => JSON.stringify({ attributes: [], ...extra });
  return [
    ['p1', 'lou', 'lou', 'sub-lou', enabled, data({ failedAttempts: 7, lockedUntil })],
    ['p1', 'cal', 'cal', 'sub-cal', enabled, data({ failedAttempts: 3 })],
    ['p1', 'ned', 'ned', 'sub-ned', enabled, data({ preferredMfa: 'SOFTWARE_TOKEN_MFA' })],
  ];
}

async function assertCarriedOver(store: Store, lockedUntil: number, rawData: () => Promise<string[]>): Promise<void> {
  const now = Date.now();
  const l = store.limits;
  assert.equal(await l.lockedUntil('password:p1:sub-lou', now), lockedUntil, 'the lock is kept');
  assert.deepStrictEqual(await l.claim('password:p1:sub-lou', PASSWORD_BRAKE, now), { allowed: false, count: 7, lockedUntil });
  const next = await l.claim('password:p1:sub-lou', PASSWORD_BRAKE, lockedUntil);
  assert.deepStrictEqual(next, { allowed: true, count: 8, lockedUntil: lockedUntil + 8000 }, 'the count goes on from 7');
  assert.deepStrictEqual(await l.claim('password:p1:sub-cal', PASSWORD_BRAKE, now), { allowed: true, count: 4, lockedUntil: 0 });
  assert.deepStrictEqual(await l.claim('password:p1:sub-ned', PASSWORD_BRAKE, now), { allowed: true, count: 1, lockedUntil: 0 });
  for (const d of await rawData()) {
    const parsed = JSON.parse(d) as Record<string, unknown>;
    assert.equal('failedAttempts' in parsed || 'lockedUntil' in parsed, false, `no count left in ${d}`);
  }
  assert.equal((await store.users.getBySub('p1', 'sub-ned'))?.preferredMfa, 'SOFTWARE_TOKEN_MFA', 'the rest of the record is intact');
  assert.equal((await store.users.getBySub('p1', 'sub-lou'))?.username, 'lou');
}

describe('migration 400: wrong-password counts move from user records to the brake', () => {
  const lockedUntil = Date.now() + 120_000;

  it('sqlite', async () => {
    await upgradeSqlite(
      'cognate-brake-migration-',
      400,
      (db) => {
        const ins = db.prepare(INSERT_OLD.replace(/\$\d+/g, '?'));
        for (const r of oldRows(lockedUntil, 1)) ins.run(...r);
      },
      (store, rawData) => assertCarriedOver(store, lockedUntil, rawData),
    );
  });

  it('postgres', { needs: ['postgres'] }, async () => {
    await upgradePostgres(
      'brakemig',
      400,
      async (pool) => {
        for (const r of oldRows(lockedUntil, true)) await pool.query(INSERT_OLD, r);
      },
      (store, rawData) => assertCarriedOver(store, lockedUntil, rawData),
    );
  });
});
