/** SQLite implementation of the IAM Identity Center repository. Statements are prepared once. */
import { randomUUID } from 'node:crypto';
import type { AuthorizationCode, OidcClient, SsoUser } from '../../domain/sso/types.ts';
import type { SsoRepo } from '../port-sso.ts';
import { dataOf, mapRow, page, type Row, sqliteFlags } from '../rows.ts';
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
import type { SqliteDb } from './index.ts';

const { toPermissionSet, permissionSetParams } = permissionSetRows(sqliteFlags);

export function createSsoRepo(db: SqliteDb): SsoRepo {
  const q = {
    getSettings: db.prepare('SELECT data FROM sso_settings WHERE id = 1'),
    putSettings: db.prepare('INSERT INTO sso_settings (id, data) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data'),
    userByKey: db.prepare('SELECT * FROM sso_users WHERE user_name_key = ?'),
    userById: db.prepare('SELECT * FROM sso_users WHERE id = ?'),
    accountsOf: db.prepare(
      `SELECT DISTINCT a.* FROM sso_assignments s JOIN sso_accounts a ON a.account_id = s.account_id
       WHERE s.user_id = ? AND a.account_id > ? ORDER BY a.account_id LIMIT ?`,
    ),
    rolesOf: db.prepare(
      `SELECT p.* FROM sso_assignments s JOIN sso_permission_sets p ON p.name = s.permission_set
       WHERE s.user_id = ? AND s.account_id = ? AND p.name > ? ORDER BY p.name LIMIT ?`,
    ),
    account: db.prepare('SELECT * FROM sso_accounts WHERE account_id = ?'),
    insClient: db.prepare('INSERT INTO sso_clients (id, secret_hash, expires_at, data) VALUES (?, ?, ?, ?)'),
    getClient: db.prepare('SELECT data FROM sso_clients WHERE id = ?'),
    insDevice: db.prepare(
      `INSERT OR IGNORE INTO sso_device_auths (device_code_hash, user_code, client_id, status, session_id, interval, last_polled_at, created_at, expires_at)
       VALUES (?, ?, ?, 'pending', NULL, ?, NULL, ?, ?)`,
    ),
    deviceByHash: db.prepare('SELECT * FROM sso_device_auths WHERE device_code_hash = ?'),
    deviceByUserCode: db.prepare('SELECT * FROM sso_device_auths WHERE user_code = ?'),
    decideDevice: db.prepare("UPDATE sso_device_auths SET status = ?, session_id = ? WHERE user_code = ? AND status = 'pending'"),
    recordPoll: db.prepare('UPDATE sso_device_auths SET last_polled_at = ?, interval = ? WHERE device_code_hash = ?'),
    consumeDevice: db.prepare("DELETE FROM sso_device_auths WHERE device_code_hash = ? AND status = 'approved' RETURNING *"),
    insCode: db.prepare('INSERT INTO sso_auth_codes (code_hash, expires_at, data) VALUES (?, ?, ?)'),
    consumeCode: db.prepare('DELETE FROM sso_auth_codes WHERE code_hash = ? RETURNING data'),
    insSession: db.prepare(
      'INSERT INTO sso_sessions (id, user_id, browser_hash, created_at, expires_at, ended_at) VALUES (?, ?, ?, ?, ?, NULL)',
    ),
    getSession: db.prepare('SELECT * FROM sso_sessions WHERE id = ?'),
    endSession: db.prepare('UPDATE sso_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL'),
    insToken: db.prepare(
      'INSERT INTO sso_tokens (hash, kind, session_id, client_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    tokenState: db.prepare(
      `SELECT t.*, s.id AS s_id, s.user_id AS s_user_id, s.browser_hash AS s_browser_hash, s.created_at AS s_created_at,
              s.expires_at AS s_expires_at, s.ended_at AS s_ended_at, u.id AS u_id
       FROM sso_tokens t LEFT JOIN sso_sessions s ON s.id = t.session_id LEFT JOIN sso_users u ON u.id = s.user_id
       WHERE t.hash = ?`,
    ),
    consumeToken: db.prepare('DELETE FROM sso_tokens WHERE hash = ? RETURNING *'),
  };

  const replaceDirectory = db.transaction((dir: Parameters<SsoRepo['replaceDirectory']>[0]) => {
    const keep = new Set<string>();
    const idByName = new Map<string, string>();
    const upsert = db.prepare(
      'INSERT INTO sso_users (id, user_name_key, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET user_name_key = excluded.user_name_key, data = excluded.data',
    );
    for (const u of dir.users) {
      const key = u.userName.toLowerCase();
      const existing = q.userByKey.get(key) as Row | undefined;
      const id = (existing?.id as string | undefined) ?? u.id ?? randomUUID();
      keep.add(id);
      idByName.set(key, id);
      upsert.run(id, key, JSON.stringify({ ...u, id }));
    }
    for (const r of db.prepare('SELECT id FROM sso_users').all() as Row[]) {
      if (!keep.has(r.id as string)) db.prepare('DELETE FROM sso_users WHERE id = ?').run(r.id);
    }
    db.exec('DELETE FROM sso_accounts; DELETE FROM sso_permission_sets; DELETE FROM sso_assignments;');
    const insA = db.prepare('INSERT INTO sso_accounts (account_id, account_name, email) VALUES (?, ?, ?)');
    for (const a of dir.accounts) insA.run(...accountParams(a));
    const insP = db.prepare('INSERT INTO sso_permission_sets (name, session_duration, admin_access) VALUES (?, ?, ?)');
    for (const p of dir.permissionSets) insP.run(...permissionSetParams(p));
    const insS = db.prepare('INSERT OR IGNORE INTO sso_assignments (user_id, account_id, permission_set) VALUES (?, ?, ?)');
    for (const s of dir.assignments) {
      const userId = idByName.get(s.userName.toLowerCase());
      if (userId) insS.run(userId, s.accountId, s.permissionSet);
    }
  });

  return {
    async getSettings() {
      return dataOf(q.getSettings.get() as Row | undefined);
    },
    async putSettings(s) {
      q.putSettings.run(JSON.stringify(s));
    },
    async replaceDirectory(dir) {
      replaceDirectory(dir);
    },
    async userByName(userName) {
      return dataOf<SsoUser>(q.userByKey.get(userName.toLowerCase()) as Row | undefined);
    },
    async userById(id) {
      return dataOf<SsoUser>(q.userById.get(id) as Row | undefined);
    },
    async accountsOf(userId, limit, after) {
      return page((q.accountsOf.all(userId, after ?? '', limit + 1) as Row[]).map(toAccount), limit, (a) => a.accountId);
    },
    async rolesOf(userId, accountId, limit, after) {
      return page((q.rolesOf.all(userId, accountId, after ?? '', limit + 1) as Row[]).map(toPermissionSet), limit, (p) => p.name);
    },
    async account(accountId) {
      return mapRow(q.account.get(accountId) as Row | undefined, toAccount);
    },
    async insertClient(c) {
      q.insClient.run(...oidcClientParams(c));
    },
    async getClient(id) {
      return dataOf<OidcClient>(q.getClient.get(id) as Row | undefined);
    },
    async insertDevice(d) {
      return q.insDevice.run(...deviceParams(d)).changes > 0;
    },
    async deviceByHash(h) {
      return mapRow(q.deviceByHash.get(h) as Row | undefined, toDevice);
    },
    async deviceByUserCode(c) {
      return mapRow(q.deviceByUserCode.get(c) as Row | undefined, toDevice);
    },
    async decideDevice(userCode, status, sessionId) {
      return q.decideDevice.run(status, sessionId ?? null, userCode).changes > 0;
    },
    async recordPoll(h, at, interval) {
      q.recordPoll.run(at, interval, h);
    },
    async consumeDevice(h) {
      return mapRow(q.consumeDevice.get(h) as Row | undefined, toDevice);
    },
    async insertCode(c) {
      q.insCode.run(...authCodeParams(c));
    },
    async consumeCode(h) {
      return dataOf<AuthorizationCode>(q.consumeCode.get(h) as Row | undefined);
    },
    async insertSession(s) {
      q.insSession.run(...sessionParams(s));
    },
    async getSession(id) {
      return mapRow(q.getSession.get(id) as Row | undefined, toSession);
    },
    async endSession(id, at) {
      return q.endSession.run(at, id).changes > 0;
    },
    async insertToken(t) {
      q.insToken.run(...tokenParams(t));
    },
    async tokenState(hash) {
      return mapRow(q.tokenState.get(hash) as Row | undefined, toTokenState);
    },
    async consumeToken(hash) {
      return mapRow(q.consumeToken.get(hash) as Row | undefined, toToken);
    },
    async purgeExpired(before) {
      return db.transaction(() => {
        let n = 0;
        for (const t of SSO_EXPIRING_TABLES) n += db.prepare(`DELETE FROM ${t} WHERE expires_at < ?`).run(before).changes;
        return n;
      })();
    },
  };
}
