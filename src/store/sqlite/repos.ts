/** SQLite implementations of the Store port's repositories. Statements are prepared once. */
import type { GrantRecord, UserRecord } from '../../domain/types.ts';
import type Database from 'better-sqlite3';
import type {
  AccessKeyRepo,
  AliasAttribute,
  AuthSessionRepo,
  ClientRepo,
  CodeRepo,
  GrantRepo,
  GrantStateWithUser,
  MetaRepo,
  PoolRepo,
  SigningKeyRepo,
  UserRepo,
} from '../port.ts';
import { mapRow, page, type Row, sqliteFlags } from '../rows.ts';
import {
  ALIAS_COLUMNS,
  accessKeyParams,
  authSessionParams,
  clientParams,
  clientUpdateParams,
  codeParams,
  grantParams,
  POOL_CONTENT_TABLES,
  poolParams,
  poolUpdateParams,
  signingKeyParams,
  toAccessKey,
  toAuthSession,
  toClient,
  toCode,
  toPool,
  toSigningKey,
  userRecord,
  userRows,
} from '../rows-user-pools.ts';
import { USER_FACTOR_TABLES } from '../rows-mfa.ts';
import type { SqliteDb } from './index.ts';

const { toUser, userParams, userUpdateParams, toGrantState } = userRows(sqliteFlags);

export function createRepos(db: SqliteDb) {
  const pools: PoolRepo = (() => {
    const ins = db.prepare('INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?)');
    const get = db.prepare('SELECT * FROM pools WHERE id = ?');
    const list = db.prepare('SELECT * FROM pools WHERE id > ? ORDER BY id LIMIT ?');
    const upd = db.prepare('UPDATE pools SET name = ?, last_modified_at = ?, config = ? WHERE id = ?');
    const del = db.transaction((id: string) => {
      const n = db.prepare('DELETE FROM pools WHERE id = ?').run(id).changes;
      for (const t of POOL_CONTENT_TABLES) {
        db.prepare(`DELETE FROM ${t} WHERE pool_id = ?`).run(id);
      }
      return n > 0;
    });
    return {
      async insert(p) {
        ins.run(...poolParams(p));
      },
      async get(id) {
        return mapRow(get.get(id) as Row | undefined, toPool);
      },
      async list(limit, after) {
        return page((list.all(after ?? '', limit + 1) as Row[]).map(toPool), limit, (p) => p.id);
      },
      async update(p) {
        upd.run(...poolUpdateParams(p));
      },
      async delete(id) {
        return del(id) as boolean;
      },
    };
  })();

  const signingKeys: SigningKeyRepo = (() => {
    const ins = db.prepare(
      'INSERT INTO signing_keys (kid, pool_id, use, private_key_sealed, public_jwk, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const list = db.prepare('SELECT * FROM signing_keys WHERE pool_id = ? ORDER BY created_at, kid');
    return {
      async insert(k) {
        ins.run(...signingKeyParams(k));
      },
      async listByPool(poolId) {
        return (list.all(poolId) as Row[]).map(toSigningKey);
      },
    };
  })();

  const clients: ClientRepo = (() => {
    const ins = db.prepare(
      'INSERT INTO clients (id, pool_id, name, secret_sealed, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const get = db.prepare('SELECT * FROM clients WHERE pool_id = ? AND id = ?');
    const find = db.prepare('SELECT * FROM clients WHERE id = ?');
    const list = db.prepare('SELECT * FROM clients WHERE pool_id = ? AND id > ? ORDER BY id LIMIT ?');
    const upd = db.prepare('UPDATE clients SET name = ?, secret_sealed = ?, last_modified_at = ?, config = ? WHERE id = ?');
    const del = db.prepare('DELETE FROM clients WHERE pool_id = ? AND id = ?');
    return {
      async insert(c) {
        ins.run(...clientParams(c));
      },
      async get(poolId, id) {
        return mapRow(get.get(poolId, id) as Row | undefined, toClient);
      },
      async find(id) {
        return mapRow(find.get(id) as Row | undefined, toClient);
      },
      async list(poolId, limit, after) {
        return page((list.all(poolId, after ?? '', limit + 1) as Row[]).map(toClient), limit, (c) => c.id);
      },
      async update(c) {
        upd.run(...clientUpdateParams(c));
      },
      async delete(poolId, id) {
        return del.run(poolId, id).changes > 0;
      },
    };
  })();

  const users: UserRepo = (() => {
    const ins = db.prepare(
      `INSERT OR IGNORE INTO users (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data,
                                    email_key, phone_key, preferred_username_key, password)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const byKey = db.prepare('SELECT * FROM users WHERE pool_id = ? AND username_key = ?');
    const byAlias = Object.fromEntries(
      Object.entries(ALIAS_COLUMNS).map(([a, col]) => [
        a,
        db.prepare(`SELECT * FROM users WHERE pool_id = ? AND ${col} = ? ORDER BY username_key`),
      ]),
    ) as Record<AliasAttribute, Database.Statement>;
    const bySub = db.prepare('SELECT * FROM users WHERE pool_id = ? AND sub = ?');
    const list = db.prepare('SELECT * FROM users WHERE pool_id = ? AND username_key > ? ORDER BY username_key LIMIT ?');
    const upd = db.prepare(
      `UPDATE users SET username = ?, status = ?, enabled = ?, generation = MAX(generation, ?), last_modified_at = ?, data = ?,
                        email_key = ?, phone_key = ?, preferred_username_key = ?, password = ?
       WHERE pool_id = ? AND sub = ?`,
    );
    const del = db.transaction((poolId: string, sub: string) => {
      const n = db.prepare('DELETE FROM users WHERE pool_id = ? AND sub = ?').run(poolId, sub).changes;
      db.prepare('DELETE FROM grants WHERE pool_id = ? AND sub = ?').run(poolId, sub);
      db.prepare('DELETE FROM codes WHERE pool_id = ? AND subject LIKE ?').run(poolId, `${sub}%`);
      db.prepare('DELETE FROM group_members WHERE pool_id = ? AND sub = ?').run(poolId, sub);
      for (const t of USER_FACTOR_TABLES) db.prepare(`DELETE FROM ${t} WHERE pool_id = ? AND sub = ?`).run(poolId, sub);
      return n > 0;
    });
    const bump = db.prepare('UPDATE users SET generation = generation + 1, last_modified_at = ? WHERE pool_id = ? AND sub = ?');
    const count = db.prepare('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?');
    return {
      async insert(u) {
        return ins.run(...userParams(u)).changes > 0;
      },
      async getByKey(poolId, key) {
        return mapRow(byKey.get(poolId, key) as Row | undefined, toUser);
      },
      async getBySub(poolId, sub) {
        return mapRow(bySub.get(poolId, sub) as Row | undefined, toUser);
      },
      async list(poolId, limit, after) {
        return page((list.all(poolId, after ?? '', limit + 1) as Row[]).map(toUser), limit, (u) => u.usernameKey);
      },
      async findByAlias(poolId, attribute, value) {
        return (byAlias[attribute].all(poolId, value) as Row[]).map(toUser);
      },
      async update(u) {
        upd.run(...userUpdateParams(u));
      },
      async delete(poolId, sub) {
        return del(poolId, sub) as boolean;
      },
      async count(poolId) {
        return (count.get(poolId) as { n: number }).n;
      },
      async bumpGeneration(poolId, sub, at) {
        return bump.run(at, poolId, sub).changes > 0;
      },
    };
  })();

  const grants: GrantRepo = (() => {
    const ins = db.prepare(
      `INSERT INTO grants (id, pool_id, client_id, sub, generation, refresh_hash, scope, auth_time, created_at, expires_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const state = db.prepare(
      `SELECT g.*, u.generation AS user_generation, u.enabled AS user_enabled, u.status AS user_status
       FROM grants g LEFT JOIN users u ON u.pool_id = g.pool_id AND u.sub = g.sub WHERE g.id = ?`,
    );
    // One statement, one read transaction: the revocation state and the user come from the same snapshot.
    // Positional (raw) rows: GetUser's hot path; the indexes below follow this column list. Not u.password:
    // the verifier is most of a user's bytes and GetUser never needs it (-~3 µs of server CPU per call).
    const stateWithUser = db
      .prepare(
        `SELECT g.id, g.pool_id, g.client_id, g.sub, g.generation, g.refresh_hash, g.scope, g.auth_time, g.created_at, g.expires_at,
                g.revoked_at, u.username, u.username_key, u.status, u.enabled, u.generation, u.created_at, u.last_modified_at, u.data
         FROM grants g LEFT JOIN users u ON u.pool_id = g.pool_id AND u.sub = g.sub WHERE g.id = ?`,
      )
      .raw(true);
    const revoke = db.prepare('UPDATE grants SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?');
    const revokeByClient = db.prepare('UPDATE grants SET revoked_at = ? WHERE pool_id = ? AND client_id = ? AND revoked_at IS NULL');
    const rotate = db.prepare('UPDATE grants SET refresh_hash = ? WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL');
    const purge = db.prepare('DELETE FROM grants WHERE expires_at < ?');
    return {
      async insert(g) {
        ins.run(...grantParams(g));
      },
      async state(id) {
        return mapRow(state.get(id) as Row | undefined, toGrantState);
      },
      async stateWithUser(id): Promise<GrantStateWithUser | undefined> {
        const r = stateWithUser.get(id) as unknown[] | undefined;
        if (!r) return undefined;
        const grant: GrantRecord = {
          id: r[0] as string,
          poolId: r[1] as string,
          clientId: r[2] as string,
          sub: r[3] as string,
          generation: r[4] as number,
          refreshHash: r[5] as string,
          scope: r[6] as string,
          authTime: r[7] as number,
          createdAt: r[8] as number,
          expiresAt: r[9] as number,
        };
        if (r[10] !== null) grant.revokedAt = r[10] as number;
        const s: GrantStateWithUser = { grant };
        if (r[15] !== null) {
          const user = userRecord(
            JSON.parse(r[18] as string) as Partial<UserRecord>,
            grant.poolId,
            r[11] as string,
            r[12] as string,
            grant.sub,
            r[13] as UserRecord['status'],
            sqliteFlags.read(r[14]),
            r[15] as number,
            r[16] as number,
            r[17] as number,
          );
          s.userGeneration = user.generation;
          s.userEnabled = user.enabled;
          s.userStatus = user.status;
          s.user = user;
        }
        return s;
      },
      async revoke(id, at) {
        return revoke.run(at, id).changes > 0;
      },
      async revokeByClient(poolId, clientId, at) {
        return revokeByClient.run(at, poolId, clientId).changes;
      },
      async rotate(id, oldHash, newHash) {
        return rotate.run(newHash, id, oldHash).changes > 0;
      },
      async purgeExpired(before) {
        return purge.run(before).changes;
      },
    };
  })();

  const codes: CodeRepo = (() => {
    const put = db.prepare(
      'INSERT OR REPLACE INTO codes (pool_id, purpose, subject, code_hash, expires_at, attempts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const get = db.prepare('SELECT * FROM codes WHERE pool_id = ? AND purpose = ? AND subject = ?');
    const consume = db.prepare('DELETE FROM codes WHERE pool_id = ? AND purpose = ? AND subject = ? RETURNING *');
    const fail = db.prepare('UPDATE codes SET attempts = attempts + 1 WHERE pool_id = ? AND purpose = ? AND subject = ?');
    return {
      async put(c) {
        put.run(...codeParams(c));
      },
      async get(p, purpose, subject) {
        return mapRow(get.get(p, purpose, subject) as Row | undefined, toCode);
      },
      async consume(p, purpose, subject) {
        return mapRow(consume.get(p, purpose, subject) as Row | undefined, toCode);
      },
      async recordFailure(p, purpose, subject) {
        fail.run(p, purpose, subject);
      },
    };
  })();

  const authSessions: AuthSessionRepo = (() => {
    const put = db.prepare('INSERT OR REPLACE INTO auth_sessions (id, expires_at, data) VALUES (?, ?, ?)');
    const consume = db.prepare('DELETE FROM auth_sessions WHERE id = ? RETURNING *');
    return {
      async put(s) {
        put.run(...authSessionParams(s));
      },
      async consume(id) {
        return mapRow(consume.get(id) as Row | undefined, toAuthSession);
      },
    };
  })();

  const accessKeys: AccessKeyRepo = (() => {
    const ins = db.prepare(
      'INSERT INTO access_keys (access_key_id, secret_sealed, session_token_hash, expires_at, created_at, principal) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const get = db.prepare('SELECT * FROM access_keys WHERE access_key_id = ?');
    return {
      async insert(k) {
        ins.run(...accessKeyParams(k));
      },
      async get(id) {
        return mapRow(get.get(id) as Row | undefined, toAccessKey);
      },
    };
  })();

  const meta: MetaRepo = (() => {
    const get = db.prepare('SELECT value FROM meta WHERE key = ?');
    const ins = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
    return {
      async get(key) {
        return (get.get(key) as { value: string } | undefined)?.value;
      },
      async setIfAbsent(key, value) {
        ins.run(key, value);
        return (get.get(key) as { value: string }).value;
      },
    };
  })();

  return { pools, signingKeys, clients, users, grants, codes, authSessions, accessKeys, meta };
}
