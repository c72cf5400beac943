/**
 * Migration 5 (the password verifier in its own column) on a database written before it: both adapters
 * move every stored verifier out of `data` intact, so passwords still check, every read but GetUser's
 * carries the verifier, and a server upgraded in place still signs its users in.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from '../helpers/tools.ts';
import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import Database from 'better-sqlite3';
import { checkPassword, makeVerifier } from '../../src/domain/passwords.ts';
import type { UserRecord } from '../../src/domain/types.ts';
import type { Store } from '../../src/store/port.ts';
import { createUser, signIn, world } from '../helpers/fixtures.ts';
import { upgradePostgres, upgradeSqlite } from '../helpers/old-store.ts';
import { idpClient, startTestServer } from '../helpers/server.ts';
import { grant, T0, user } from './records.ts';

const amy = user('p1', 'amy', { password: makeVerifier('p1', 'srp-amy', 'Amy-Secret-1'), preferredMfa: 'SOFTWARE_TOKEN_MFA' });
const bob = user('p1', 'bob', { status: 'FORCE_CHANGE_PASSWORD', password: makeVerifier('p1', 'srp-bob', 'Bob-Temp-1') });
const dee = user('p1', 'dee'); // no password (e.g. an external-provider user)
const amyGrant = grant(amy, 'c1');

const INSERT_OLD = `INSERT INTO users (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data,
                                      email_key, phone_key, preferred_username_key)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL)`;
const INSERT_GRANT = `INSERT INTO grants (id, pool_id, client_id, sub, generation, refresh_hash, scope, auth_time, created_at, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

/** A user as a pre-migration-5 row: the verifier inside `data`, as the adapters wrote it then. */
function oldRow(u: UserRecord, enabled: unknown): unknown[] {
  const { poolId, username, usernameKey, sub, status, enabled: _, generation, createdAt, lastModifiedAt, ...rest } = u;
  const email = u.attributes.find((a) => a.Name === 'email')?.Value?.toLowerCase() ?? null;
  return [poolId, usernameKey, username, sub, status, enabled, generation, createdAt, lastModifiedAt, JSON.stringify(rest), email];
}

const grantRow = (g: typeof amyGrant) => [
  g.id,
  g.poolId,
  g.clientId,
  g.sub,
  g.generation,
  g.refreshHash,
  g.scope,
  g.authTime,
  g.createdAt,
  g.expiresAt,
];

async function assertUpgraded(store: Store, rawData: () => Promise<string[]>): Promise<void> {
  for (const u of [amy, bob, dee]) {
    assert.deepStrictEqual(await store.users.getByKey('p1', u.usernameKey), u, `${u.username}: the whole record, verifier intact`);
  }
  const a = await store.users.getBySub('p1', amy.sub);
  assert.ok(a?.password && checkPassword('p1', a.password, 'Amy-Secret-1'), 'the moved verifier still checks the password');
  assert.equal(checkPassword('p1', a.password, 'Amy-Secret-2'), false);
  assert.deepStrictEqual(
    (await store.users.list('p1', 10)).items.map((u) => u.password),
    [amy.password, bob.password, undefined],
  );
  const { password, ...amyWithout } = amy;
  assert.deepStrictEqual((await store.grants.stateWithUser(amyGrant.id))?.user, amyWithout, 'GetUser reads all but the verifier');
  for (const d of await rawData()) assert.equal('password' in JSON.parse(d), false, 'no verifier left in the data column');
  // Written after the upgrade: the verifier round-trips through the new column.
  const changed = { ...amy, password: makeVerifier('p1', 'srp-amy', 'Amy-Secret-2'), lastModifiedAt: T0 + 1 };
  await store.users.update(changed);
  assert.deepStrictEqual(await store.users.getByKey('p1', 'amy'), changed);
}

describe('migration 5: password verifiers moved to their own column', () => {
  it('sqlite', async () => {
    await upgradeSqlite(
      'cognate-password-migration-',
      5,
      (db) => {
        const ins = db.prepare(INSERT_OLD.replace(/\$\d+/g, '?'));
        for (const u of [amy, bob, dee]) ins.run(...oldRow(u, u.enabled ? 1 : 0));
        db.prepare(INSERT_GRANT.replace(/\$\d+/g, '?')).run(...grantRow(amyGrant));
      },
      assertUpgraded,
    );
  });

  it('postgres', { needs: ['postgres'] }, async () => {
    await upgradePostgres(
      'pwmig',
      5,
      async (pool) => {
        for (const u of [amy, bob, dee]) await pool.query(INSERT_OLD, oldRow(u, u.enabled));
        await pool.query(INSERT_GRANT, grantRow(amyGrant));
      },
      assertUpgraded,
    );
  });

  it('a server upgraded in place signs its users in with their old passwords (AWS SDK v3)', async () => {
    let server = await startTestServer();
    const dir = server.dataDir;
    try {
      const idp0 = idpClient(server);
      const w = await world(idp0);
      await createUser(idp0, w.poolId, 'carol', 'Carol-Old-Pass-1');
      await signIn(idp0, w.clientId, 'carol', 'Carol-Old-Pass-1');
      await server.close();
      // Put the database back as it was before migration 5: verifiers inside `data`, no password column.
      const db = new Database(join(dir, 'cognate.db'));
      db.exec(`UPDATE users SET data = json_set(data, '$.password', json(password)) WHERE password IS NOT NULL;
               ALTER TABLE users DROP COLUMN password;
               DELETE FROM schema_migrations WHERE id = 5;`);
      assert.equal(
        (db.prepare("SELECT count(*) AS n FROM users WHERE json_type(data, '$.password') = 'object'").get() as { n: number }).n,
        2,
        'alice and carol, as before the upgrade',
      );
      db.close();

      server = await startTestServer({}, server.clock, dir);
      const idp = idpClient(server);
      const s = await signIn(idp, w.clientId, 'carol', 'Carol-Old-Pass-1');
      const me = await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
      assert.equal(me.Username, 'carol');
      await assert.rejects(
        idp.send(
          new InitiateAuthCommand({
            ClientId: w.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'carol', PASSWORD: 'Carol-Wrong-Pass-1' },
          }),
        ),
        (e: Error) => e.name === 'NotAuthorizedException' && e.message === 'Incorrect username or password.',
      );
    } finally {
      await server.stop();
    }
  });
});
