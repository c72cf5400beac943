/**
 * PostgreSQL implementations of the Store port's user-pool repositories, with the SQLite adapter's
 * semantics. Single use is `DELETE … RETURNING` and rotation a conditional `UPDATE`: under concurrent
 * calls PostgreSQL re-checks the condition after the first writer commits, so exactly one caller wins.
 */
import type { UserRecord } from '../../domain/types.ts';
import type {
  AccessKeyRepo,
  AuthSessionRepo,
  ClientRepo,
  CodeRepo,
  GrantRepo,
  GrantStateWithUser,
  MetaRepo,
  PoolRepo,
  SigningKeyRepo,
  UserRepo,
  UserWithoutPassword,
} from '../port.ts';
import { mapRow, page, postgresFlags, type Row } from '../rows.ts';
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
  toGrant,
  toPool,
  toSigningKey,
  userRecord,
  userRows,
} from '../rows-user-pools.ts';
import { USER_FACTOR_TABLES } from '../rows-mfa.ts';
import type { Db } from './db.ts';

const { toUser, userParams, userUpdateParams, toGrantState } = userRows(postgresFlags);

/**
 * The user half of a grant row joined with its user (columns prefixed `u_`; pool and sub are the grant's),
 * without the password column, which stateWithUser does not select.
 */
const joinedUser = (r: Row): UserWithoutPassword =>
  userRecord(
    JSON.parse(r.u_data as string) as Partial<UserRecord>,
    r.pool_id as string,
    r.u_username as string,
    r.u_username_key as string,
    r.sub as string,
    r.u_status as UserRecord['status'],
    postgresFlags.read(r.u_enabled),
    r.u_generation as number,
    r.u_created_at as number,
    r.u_last_modified_at as number,
  );

/** Escapes LIKE's wildcards so a value matches only itself as a prefix. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function poolRepo(db: Db): PoolRepo {
  return {
    async insert(p) {
      await db.run('INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES ($1, $2, $3, $4, $5)', poolParams(p));
    },
    async get(id) {
      return mapRow(await db.row('SELECT * FROM pools WHERE id = $1', [id]), toPool);
    },
    async list(limit, after) {
      const rows = await db.rows('SELECT * FROM pools WHERE id > $1 ORDER BY id LIMIT $2', [after ?? '', limit + 1]);
      return page(rows.map(toPool), limit, (p) => p.id);
    },
    async update(p) {
      await db.run('UPDATE pools SET name = $1, last_modified_at = $2, config = $3 WHERE id = $4', poolUpdateParams(p));
    },
    async delete(id) {
      return db.tx(async (q) => {
        const n = await q.run('DELETE FROM pools WHERE id = $1', [id]);
        for (const t of POOL_CONTENT_TABLES) await q.run(`DELETE FROM ${t} WHERE pool_id = $1`, [id]);
        return n > 0;
      });
    },
  };
}

function signingKeyRepo(db: Db): SigningKeyRepo {
  return {
    async insert(k) {
      await db.run(
        'INSERT INTO signing_keys (kid, pool_id, use, private_key_sealed, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        signingKeyParams(k),
      );
    },
    async listByPool(poolId) {
      const rows = await db.rows('SELECT * FROM signing_keys WHERE pool_id = $1 ORDER BY created_at, kid', [poolId]);
      return rows.map(toSigningKey);
    },
  };
}

function clientRepo(db: Db): ClientRepo {
  return {
    async insert(c) {
      await db.run(
        'INSERT INTO clients (id, pool_id, name, secret_sealed, created_at, last_modified_at, config) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        clientParams(c),
      );
    },
    async get(poolId, id) {
      return mapRow(await db.row('SELECT * FROM clients WHERE pool_id = $1 AND id = $2', [poolId, id]), toClient);
    },
    async find(id) {
      return mapRow(await db.row('SELECT * FROM clients WHERE id = $1', [id]), toClient);
    },
    async list(poolId, limit, after) {
      const rows = await db.rows('SELECT * FROM clients WHERE pool_id = $1 AND id > $2 ORDER BY id LIMIT $3', [
        poolId,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toClient), limit, (c) => c.id);
    },
    async update(c) {
      await db.run(
        'UPDATE clients SET name = $1, secret_sealed = $2, last_modified_at = $3, config = $4 WHERE id = $5',
        clientUpdateParams(c),
      );
    },
    async delete(poolId, id) {
      return (await db.run('DELETE FROM clients WHERE pool_id = $1 AND id = $2', [poolId, id])) > 0;
    },
  };
}

function userRepo(db: Db): UserRepo {
  return {
    async insert(u) {
      // No conflict target: a taken user name and a taken sub both mean "not inserted", as INSERT OR IGNORE does.
      const n = await db.run(
        `INSERT INTO users (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data,
                            email_key, phone_key, preferred_username_key, password)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
        userParams(u),
      );
      return n > 0;
    },
    async getByKey(poolId, key) {
      return mapRow(await db.row('SELECT * FROM users WHERE pool_id = $1 AND username_key = $2', [poolId, key]), toUser);
    },
    async getBySub(poolId, sub) {
      return mapRow(await db.row('SELECT * FROM users WHERE pool_id = $1 AND sub = $2', [poolId, sub]), toUser);
    },
    async list(poolId, limit, after) {
      const rows = await db.rows('SELECT * FROM users WHERE pool_id = $1 AND username_key > $2 ORDER BY username_key LIMIT $3', [
        poolId,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toUser), limit, (u) => u.usernameKey);
    },
    async findByAlias(poolId, attribute, value) {
      const col = ALIAS_COLUMNS[attribute];
      const rows = await db.rows(`SELECT * FROM users WHERE pool_id = $1 AND ${col} = $2 ORDER BY username_key`, [poolId, value]);
      return rows.map(toUser);
    },
    async update(u) {
      // GREATEST: an update read before a concurrent sign-out must not bring the old generation back.
      await db.run(
        `UPDATE users SET username = $1, status = $2, enabled = $3, generation = GREATEST(generation, $4), last_modified_at = $5, data = $6,
                          email_key = $7, phone_key = $8, preferred_username_key = $9, password = $10
         WHERE pool_id = $11 AND sub = $12`,
        userUpdateParams(u),
      );
    },
    async delete(poolId, sub) {
      return db.tx(async (q) => {
        const n = await q.run('DELETE FROM users WHERE pool_id = $1 AND sub = $2', [poolId, sub]);
        await q.run('DELETE FROM grants WHERE pool_id = $1 AND sub = $2', [poolId, sub]);
        await q.run(`DELETE FROM codes WHERE pool_id = $1 AND subject LIKE $2 ESCAPE '\\'`, [poolId, likePrefix(sub)]);
        await q.run('DELETE FROM group_members WHERE pool_id = $1 AND sub = $2', [poolId, sub]);
        for (const t of USER_FACTOR_TABLES) await q.run(`DELETE FROM ${t} WHERE pool_id = $1 AND sub = $2`, [poolId, sub]);
        return n > 0;
      });
    },
    async count(poolId) {
      return Number((await db.row('SELECT COUNT(*) AS n FROM users WHERE pool_id = $1', [poolId]))?.n ?? 0);
    },
    async bumpGeneration(poolId, sub, at) {
      const n = await db.run('UPDATE users SET generation = generation + 1, last_modified_at = $1 WHERE pool_id = $2 AND sub = $3', [
        at,
        poolId,
        sub,
      ]);
      return n > 0;
    },
  };
}

function grantRepo(db: Db): GrantRepo {
  return {
    async insert(g) {
      await db.run(
        `INSERT INTO grants (id, pool_id, client_id, sub, generation, refresh_hash, scope, auth_time, created_at, expires_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)`,
        grantParams(g),
      );
    },
    async state(id) {
      const r = await db.row(
        `SELECT g.*, u.generation AS user_generation, u.enabled AS user_enabled, u.status AS user_status
         FROM grants g LEFT JOIN users u ON u.pool_id = g.pool_id AND u.sub = g.sub WHERE g.id = $1`,
        [id],
      );
      return mapRow(r, toGrantState);
    },
    async stateWithUser(id): Promise<GrantStateWithUser | undefined> {
      // One statement: the revocation state and the user come from the same snapshot.
      const r = await db.row(
        `SELECT g.*, u.username AS u_username, u.username_key AS u_username_key, u.status AS u_status, u.enabled AS u_enabled,
                u.generation AS u_generation, u.created_at AS u_created_at, u.last_modified_at AS u_last_modified_at, u.data AS u_data
         FROM grants g LEFT JOIN users u ON u.pool_id = g.pool_id AND u.sub = g.sub WHERE g.id = $1`,
        [id],
      );
      if (!r) return undefined;
      const s: GrantStateWithUser = { grant: toGrant(r) };
      if (r.u_generation !== null && r.u_generation !== undefined) {
        const user = joinedUser(r);
        s.userGeneration = user.generation;
        s.userEnabled = user.enabled;
        s.userStatus = user.status;
        s.user = user;
      }
      return s;
    },
    async revoke(id, at) {
      return (await db.run('UPDATE grants SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id])) > 0;
    },
    async revokeByClient(poolId, clientId, at) {
      return db.run('UPDATE grants SET revoked_at = $1 WHERE pool_id = $2 AND client_id = $3 AND revoked_at IS NULL', [
        at,
        poolId,
        clientId,
      ]);
    },
    async rotate(id, oldHash, newHash) {
      const n = await db.run('UPDATE grants SET refresh_hash = $1 WHERE id = $2 AND refresh_hash = $3 AND revoked_at IS NULL', [
        newHash,
        id,
        oldHash,
      ]);
      return n > 0;
    },
    async purgeExpired(before) {
      return db.run('DELETE FROM grants WHERE expires_at < $1', [before]);
    },
  };
}

function codeRepo(db: Db): CodeRepo {
  const key = 'pool_id = $1 AND purpose = $2 AND subject = $3';
  return {
    async put(c) {
      await db.run(
        `INSERT INTO codes (pool_id, purpose, subject, code_hash, expires_at, attempts) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (pool_id, purpose, subject) DO UPDATE
         SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = excluded.attempts`,
        codeParams(c),
      );
    },
    async get(p, purpose, subject) {
      return mapRow(await db.row(`SELECT * FROM codes WHERE ${key}`, [p, purpose, subject]), toCode);
    },
    async consume(p, purpose, subject) {
      return mapRow(await db.row(`DELETE FROM codes WHERE ${key} RETURNING *`, [p, purpose, subject]), toCode);
    },
    async recordFailure(p, purpose, subject) {
      await db.run(`UPDATE codes SET attempts = attempts + 1 WHERE ${key}`, [p, purpose, subject]);
    },
  };
}

function authSessionRepo(db: Db): AuthSessionRepo {
  return {
    async put(s) {
      await db.run(
        `INSERT INTO auth_sessions (id, expires_at, data) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at, data = excluded.data`,
        authSessionParams(s),
      );
    },
    async consume(id) {
      return mapRow(await db.row('DELETE FROM auth_sessions WHERE id = $1 RETURNING *', [id]), toAuthSession);
    },
  };
}

function accessKeyRepo(db: Db): AccessKeyRepo {
  return {
    async insert(k) {
      await db.run(
        'INSERT INTO access_keys (access_key_id, secret_sealed, session_token_hash, expires_at, created_at, principal) VALUES ($1, $2, $3, $4, $5, $6)',
        accessKeyParams(k),
      );
    },
    async get(id) {
      return mapRow(await db.row('SELECT * FROM access_keys WHERE access_key_id = $1', [id]), toAccessKey);
    },
  };
}

function metaRepo(db: Db): MetaRepo {
  return {
    async get(key) {
      return (await db.row('SELECT value FROM meta WHERE key = $1', [key]))?.value as string | undefined;
    },
    async setIfAbsent(key, value) {
      // Two statements: the SELECT takes a fresh snapshot, so it sees a racing node's committed value
      // (a single INSERT … RETURNING with a UNION would read the snapshot taken before that commit).
      await db.run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
      const r = await db.row('SELECT value FROM meta WHERE key = $1', [key]);
      return r?.value as string;
    },
  };
}

/** The user-pool repositories of a PostgreSQL store. */
export function createPostgresRepos(db: Db) {
  return {
    pools: poolRepo(db),
    signingKeys: signingKeyRepo(db),
    clients: clientRepo(db),
    users: userRepo(db),
    grants: grantRepo(db),
    codes: codeRepo(db),
    authSessions: authSessionRepo(db),
    accessKeys: accessKeyRepo(db),
    meta: metaRepo(db),
  };
}
