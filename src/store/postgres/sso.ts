/** PostgreSQL implementation of the IAM Identity Center repository, with the SQLite adapter's semantics. */
import { randomUUID } from 'node:crypto';
import type { DeviceAuthorization, PermissionSet, SignInSession, SsoAccount, SsoToken, SsoUser } from '../../domain/sso/types.ts';
import type { SsoRepo, SsoTokenState } from '../port-sso.ts';
import { type Db, page, type Row } from './db.ts';

const toAccount = (r: Row): SsoAccount => ({
  accountId: r.account_id as string,
  accountName: r.account_name as string,
  emailAddress: r.email as string,
});

const toPermissionSet = (r: Row): PermissionSet => ({
  name: r.name as string,
  sessionDuration: r.session_duration as number,
  adminAccess: r.admin_access === true,
});

function toDevice(r: Row): DeviceAuthorization {
  const d: DeviceAuthorization = {
    deviceCodeHash: r.device_code_hash as string,
    userCode: r.user_code as string,
    clientId: r.client_id as string,
    status: r.status as DeviceAuthorization['status'],
    interval: r.interval as number,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
  if (r.session_id) d.sessionId = r.session_id as string;
  if (r.last_polled_at !== null && r.last_polled_at !== undefined) d.lastPolledAt = r.last_polled_at as number;
  return d;
}

function toSession(r: Row): SignInSession {
  const s: SignInSession = {
    id: r.id as string,
    userId: r.user_id as string,
    browserHash: r.browser_hash as string,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
  if (r.ended_at !== null && r.ended_at !== undefined) s.endedAt = r.ended_at as number;
  return s;
}

const toToken = (r: Row): SsoToken => ({
  hash: r.hash as string,
  kind: r.kind as SsoToken['kind'],
  sessionId: r.session_id as string,
  clientId: r.client_id as string,
  scopes: JSON.parse(r.scopes as string),
  createdAt: r.created_at as number,
  expiresAt: r.expires_at as number,
});

/** Serialises directory replacements: two nodes applying the seed file at start must not interleave. */
const DIRECTORY_LOCK = "SELECT pg_advisory_xact_lock(hashtext('cognate:sso-directory:' || current_schema()))";

export function createPostgresSsoRepo(db: Db): SsoRepo {
  return {
    async getSettings() {
      const r = await db.row('SELECT data FROM sso_settings WHERE id = 1');
      return r ? JSON.parse(r.data as string) : undefined;
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
          await q.run('INSERT INTO sso_accounts (account_id, account_name, email) VALUES ($1, $2, $3)', [
            a.accountId,
            a.accountName,
            a.emailAddress,
          ]);
        }
        for (const p of dir.permissionSets) {
          await q.run('INSERT INTO sso_permission_sets (name, session_duration, admin_access) VALUES ($1, $2, $3)', [
            p.name,
            p.sessionDuration,
            p.adminAccess,
          ]);
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
      const r = await db.row('SELECT data FROM sso_users WHERE user_name_key = $1', [userName.toLowerCase()]);
      return r ? (JSON.parse(r.data as string) as SsoUser) : undefined;
    },
    async userById(id) {
      const r = await db.row('SELECT data FROM sso_users WHERE id = $1', [id]);
      return r ? (JSON.parse(r.data as string) as SsoUser) : undefined;
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
      const r = await db.row('SELECT * FROM sso_accounts WHERE account_id = $1', [accountId]);
      return r ? toAccount(r) : undefined;
    },
    async insertClient(c) {
      await db.run('INSERT INTO sso_clients (id, secret_hash, expires_at, data) VALUES ($1, $2, $3, $4)', [
        c.id,
        c.secretHash,
        c.expiresAt,
        JSON.stringify(c),
      ]);
    },
    async getClient(id) {
      const r = await db.row('SELECT data FROM sso_clients WHERE id = $1', [id]);
      return r ? JSON.parse(r.data as string) : undefined;
    },
    async insertDevice(d) {
      const n = await db.run(
        `INSERT INTO sso_device_auths (device_code_hash, user_code, client_id, status, session_id, "interval", last_polled_at, created_at, expires_at)
         VALUES ($1, $2, $3, 'pending', NULL, $4, NULL, $5, $6) ON CONFLICT DO NOTHING`,
        [d.deviceCodeHash, d.userCode, d.clientId, d.interval, d.createdAt, d.expiresAt],
      );
      return n > 0;
    },
    async deviceByHash(h) {
      const r = await db.row('SELECT * FROM sso_device_auths WHERE device_code_hash = $1', [h]);
      return r ? toDevice(r) : undefined;
    },
    async deviceByUserCode(c) {
      const r = await db.row('SELECT * FROM sso_device_auths WHERE user_code = $1', [c]);
      return r ? toDevice(r) : undefined;
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
      const r = await db.row("DELETE FROM sso_device_auths WHERE device_code_hash = $1 AND status = 'approved' RETURNING *", [h]);
      return r ? toDevice(r) : undefined;
    },
    async insertCode(c) {
      await db.run('INSERT INTO sso_auth_codes (code_hash, expires_at, data) VALUES ($1, $2, $3)', [
        c.codeHash,
        c.expiresAt,
        JSON.stringify(c),
      ]);
    },
    async consumeCode(h) {
      const r = await db.row('DELETE FROM sso_auth_codes WHERE code_hash = $1 RETURNING data', [h]);
      return r ? JSON.parse(r.data as string) : undefined;
    },
    async insertSession(s) {
      await db.run(
        'INSERT INTO sso_sessions (id, user_id, browser_hash, created_at, expires_at, ended_at) VALUES ($1, $2, $3, $4, $5, NULL)',
        [s.id, s.userId, s.browserHash, s.createdAt, s.expiresAt],
      );
    },
    async getSession(id) {
      const r = await db.row('SELECT * FROM sso_sessions WHERE id = $1', [id]);
      return r ? toSession(r) : undefined;
    },
    async endSession(id, at) {
      return (await db.run('UPDATE sso_sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL', [at, id])) > 0;
    },
    async insertToken(t) {
      await db.run(
        'INSERT INTO sso_tokens (hash, kind, session_id, client_id, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [t.hash, t.kind, t.sessionId, t.clientId, JSON.stringify(t.scopes), t.createdAt, t.expiresAt],
      );
    },
    async tokenState(hash): Promise<SsoTokenState | undefined> {
      const r = await db.row(
        `SELECT t.*, s.id AS s_id, s.user_id AS s_user_id, s.browser_hash AS s_browser_hash, s.created_at AS s_created_at,
                s.expires_at AS s_expires_at, s.ended_at AS s_ended_at, u.id AS u_id
         FROM sso_tokens t LEFT JOIN sso_sessions s ON s.id = t.session_id LEFT JOIN sso_users u ON u.id = s.user_id
         WHERE t.hash = $1`,
        [hash],
      );
      if (!r) return undefined;
      const st: SsoTokenState = { token: toToken(r), userExists: r.u_id !== null && r.u_id !== undefined };
      if (r.s_id) {
        st.session = toSession({
          id: r.s_id,
          user_id: r.s_user_id,
          browser_hash: r.s_browser_hash,
          created_at: r.s_created_at,
          expires_at: r.s_expires_at,
          ended_at: r.s_ended_at,
        });
      }
      return st;
    },
    async consumeToken(hash) {
      const r = await db.row('DELETE FROM sso_tokens WHERE hash = $1 RETURNING *', [hash]);
      return r ? toToken(r) : undefined;
    },
    async purgeExpired(before) {
      return db.tx(async (q) => {
        let n = 0;
        for (const t of ['sso_device_auths', 'sso_auth_codes', 'sso_tokens', 'sso_sessions', 'sso_clients']) {
          n += await q.run(`DELETE FROM ${t} WHERE expires_at < $1`, [before]);
        }
        return n;
      });
    },
  };
}
