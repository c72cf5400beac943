/** PostgreSQL implementation of the IAM Identity Center repository, with the SQLite adapter's semantics. */
import { randomUUID } from 'node:crypto';
import type { SsoUser } from '../../domain/sso/types.ts';
import type { SsoRepo } from '../port-sso.ts';
import { dataOf, mapRow, page, postgresFlags } from '../rows.ts';
import {
  accountParams,
  authCodeParams,
  deviceParams,
  oidcClientParams,
  permissionSetRows,
  SSO_EXPIRING_TABLES,
  sessionParams,
  toAccount,
  toDevice,
  toSession,
  toToken,
  toTokenState,
  tokenParams,
} from '../rows-sso.ts';
import type { Db } from './db.ts';

const { toPermissionSet, permissionSetParams } = permissionSetRows(postgresFlags);

/** Serialises directory replacements: two nodes applying the seed file at start must not interleave. */
const DIRECTORY_LOCK = "SELECT pg_advisory_xact_lock(hashtext('cognate:sso-directory:' || current_schema()))";

export function createPostgresSsoRepo(db: Db): SsoRepo {
  return {
    async getSettings() {
      return dataOf(await db.row('SELECT data FROM sso_settings WHERE id = 1'));
    },
    async putSettings(s) {
      await db.run('INSERT INTO sso_settings (id, data) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [
        JSON.stringify(s),
      ]);
    },
    async replaceDirectory(dir) {
      await db.tx(async (q) => {
        await q.run(DIRECTORY_LOCK);
        const keep = new Set<string>();
        const idByName = new Map<string, string>();
        for (const u of dir.users) {
          const key = u.userName.toLowerCase();
          const existing = await q.row('SELECT id FROM sso_users WHERE user_name_key = $1', [key]);
          const id = (existing?.id as string | undefined) ?? u.id ?? randomUUID();
          keep.add(id);
          idByName.set(key, id);
          await q.run(
            `INSERT INTO sso_users (id, user_name_key, data) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET user_name_key = excluded.user_name_key, data = excluded.data`,
            [id, key, JSON.stringify({ ...u, id })],
          );
        }
        await q.run('DELETE FROM sso_users WHERE NOT (id = ANY($1::text[]))', [[...keep]]);
        await q.run('DELETE FROM sso_accounts');
        await q.run('DELETE FROM sso_permission_sets');
        await q.run('DELETE FROM sso_assignments');
        for (const a of dir.accounts) {
          await q.run('INSERT INTO sso_accounts (account_id, account_name, email) VALUES ($1, $2, $3)', accountParams(a));
        }
        for (const p of dir.permissionSets) {
          await q.run('INSERT INTO sso_permission_sets (name, session_duration, admin_access) VALUES ($1, $2, $3)', permissionSetParams(p));
        }
        for (const s of dir.assignments) {
          const userId = idByName.get(s.userName.toLowerCase());
          if (!userId) continue;
          await q.run('INSERT INTO sso_assignments (user_id, account_id, permission_set) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
            userId,
            s.accountId,
            s.permissionSet,
          ]);
        }
      });
    },
    async userByName(userName) {
      return dataOf<SsoUser>(await db.row('SELECT data FROM sso_users WHERE user_name_key = $1', [userName.toLowerCase()]));
    },
    async userById(id) {
      return dataOf<SsoUser>(await db.row('SELECT data FROM sso_users WHERE id = $1', [id]));
    },
    async accountsOf(userId, limit, after) {
      const rows = await db.rows(
        `SELECT DISTINCT a.* FROM sso_assignments s JOIN sso_accounts a ON a.account_id = s.account_id
         WHERE s.user_id = $1 AND a.account_id > $2 ORDER BY a.account_id LIMIT $3`,
        [userId, after ?? '', limit + 1],
      );
      return page(rows.map(toAccount), limit, (a) => a.accountId);
    },
    async rolesOf(userId, accountId, limit, after) {
      const rows = await db.rows(
        `SELECT p.* FROM sso_assignments s JOIN sso_permission_sets p ON p.name = s.permission_set
         WHERE s.user_id = $1 AND s.account_id = $2 AND p.name > $3 ORDER BY p.name LIMIT $4`,
        [userId, accountId, after ?? '', limit + 1],
      );
      return page(rows.map(toPermissionSet), limit, (p) => p.name);
    },
    async account(accountId) {
      return mapRow(await db.row('SELECT * FROM sso_accounts WHERE account_id = $1', [accountId]), toAccount);
    },
    async insertClient(c) {
      await db.run('INSERT INTO sso_clients (id, secret_hash, expires_at, data) VALUES ($1, $2, $3, $4)', oidcClientParams(c));
    },
    async getClient(id) {
      return dataOf(await db.row('SELECT data FROM sso_clients WHERE id = $1', [id]));
    },
    async insertDevice(d) {
      const n = await db.run(
        `INSERT INTO sso_device_auths (device_code_hash, user_code, client_id, status, session_id, "interval", last_polled_at, created_at, expires_at)
         VALUES ($1, $2, $3, 'pending', NULL, $4, NULL, $5, $6) ON CONFLICT DO NOTHING`,
        deviceParams(d),
      );
      return n > 0;
    },
    async deviceByHash(h) {
      return mapRow(await db.row('SELECT * FROM sso_device_auths WHERE device_code_hash = $1', [h]), toDevice);
    },
    async deviceByUserCode(c) {
      return mapRow(await db.row('SELECT * FROM sso_device_auths WHERE user_code = $1', [c]), toDevice);
    },
    async decideDevice(userCode, status, sessionId) {
      const n = await db.run("UPDATE sso_device_auths SET status = $1, session_id = $2 WHERE user_code = $3 AND status = 'pending'", [
        status,
        sessionId ?? null,
        userCode,
      ]);
      return n > 0;
    },
    async recordPoll(h, at, interval) {
      await db.run('UPDATE sso_device_auths SET last_polled_at = $1, "interval" = $2 WHERE device_code_hash = $3', [at, interval, h]);
    },
    async consumeDevice(h) {
      return mapRow(
        await db.row("DELETE FROM sso_device_auths WHERE device_code_hash = $1 AND status = 'approved' RETURNING *", [h]),
        toDevice,
      );
    },
    async insertCode(c) {
      await db.run('INSERT INTO sso_auth_codes (code_hash, expires_at, data) VALUES ($1, $2, $3)', authCodeParams(c));
    },
    async consumeCode(h) {
      return dataOf(await db.row('DELETE FROM sso_auth_codes WHERE code_hash = $1 RETURNING data', [h]));
    },
    async insertSession(s) {
      await db.run(
        'INSERT INTO sso_sessions (id, user_id, browser_hash, created_at, expires_at, ended_at) VALUES ($1, $2, $3, $4, $5, NULL)',
        sessionParams(s),
      );
    },
    async getSession(id) {
      return mapRow(await db.row('SELECT * FROM sso_sessions WHERE id = $1', [id]), toSession);
    },
    async endSession(id, at) {
      return (await db.run('UPDATE sso_sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL', [at, id])) > 0;
    },
    async insertToken(t) {
      await db.run(
        'INSERT INTO sso_tokens (hash, kind, session_id, client_id, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        tokenParams(t),
      );
    },
    async tokenState(hash) {
      const r = await db.row(
        `SELECT t.*, s.id AS s_id, s.user_id AS s_user_id, s.browser_hash AS s_browser_hash, s.created_at AS s_created_at,
                s.expires_at AS s_expires_at, s.ended_at AS s_ended_at, u.id AS u_id
         FROM sso_tokens t LEFT JOIN sso_sessions s ON s.id = t.session_id LEFT JOIN sso_users u ON u.id = s.user_id
         WHERE t.hash = $1`,
        [hash],
      );
      return mapRow(r, toTokenState);
    },
    async consumeToken(hash) {
      return mapRow(await db.row('DELETE FROM sso_tokens WHERE hash = $1 RETURNING *', [hash]), toToken);
    },
    async purgeExpired(before) {
      return db.tx(async (q) => {
        let n = 0;
        for (const t of SSO_EXPIRING_TABLES) {
          n += await q.run(`DELETE FROM ${t} WHERE expires_at < $1`, [before]);
        }
        return n;
      });
    },
  };
}
