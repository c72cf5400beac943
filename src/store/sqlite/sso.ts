/** SQLite implementation of the IAM Identity Center repository. Statements are prepared once. */
import { randomUUID } from 'node:crypto';
import type {
  AuthorizationCode,
  DeviceAuthorization,
  OidcClient,
  PermissionSet,
  SignInSession,
  SsoAccount,
  SsoToken,
  SsoUser,
} from '../../domain/sso/types.ts';
import type { Page } from '../port.ts';
import type { SsoRepo, SsoTokenState } from '../port-sso.ts';
import type { SqliteDb } from './index.ts';

type Row = Record<string, unknown>;

function page<T>(rows: T[], limit: number, keyOf: (t: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: keyOf(items[items.length - 1] as T) };
}

const toAccount = (r: Row): SsoAccount => ({
  accountId: r.account_id as string,
  accountName: r.account_name as string,
  emailAddress: r.email as string,
});

const toPermissionSet = (r: Row): PermissionSet => ({
  name: r.name as string,
  sessionDuration: r.session_duration as number,
  adminAccess: r.admin_access === 1,
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
    for (const a of dir.accounts) insA.run(a.accountId, a.accountName, a.emailAddress);
    const insP = db.prepare('INSERT INTO sso_permission_sets (name, session_duration, admin_access) VALUES (?, ?, ?)');
    for (const p of dir.permissionSets) insP.run(p.name, p.sessionDuration, p.adminAccess ? 1 : 0);
    const insS = db.prepare('INSERT OR IGNORE INTO sso_assignments (user_id, account_id, permission_set) VALUES (?, ?, ?)');
    for (const s of dir.assignments) {
      const userId = idByName.get(s.userName.toLowerCase());
      if (userId) insS.run(userId, s.accountId, s.permissionSet);
    }
  });

  return {
    async getSettings() {
      const r = q.getSettings.get() as Row | undefined;
      return r ? JSON.parse(r.data as string) : undefined;
    },
    async putSettings(s) {
      q.putSettings.run(JSON.stringify(s));
    },
    async replaceDirectory(dir) {
      replaceDirectory(dir);
    },
    async userByName(userName) {
      const r = q.userByKey.get(userName.toLowerCase()) as Row | undefined;
      return r ? (JSON.parse(r.data as string) as SsoUser) : undefined;
    },
    async userById(id) {
      const r = q.userById.get(id) as Row | undefined;
      return r ? (JSON.parse(r.data as string) as SsoUser) : undefined;
    },
    async accountsOf(userId, limit, after) {
      return page((q.accountsOf.all(userId, after ?? '', limit + 1) as Row[]).map(toAccount), limit, (a) => a.accountId);
    },
    async rolesOf(userId, accountId, limit, after) {
      return page((q.rolesOf.all(userId, accountId, after ?? '', limit + 1) as Row[]).map(toPermissionSet), limit, (p) => p.name);
    },
    async account(accountId) {
      const r = q.account.get(accountId) as Row | undefined;
      return r ? toAccount(r) : undefined;
    },
    async insertClient(c: OidcClient) {
      q.insClient.run(c.id, c.secretHash, c.expiresAt, JSON.stringify(c));
    },
    async getClient(id) {
      const r = q.getClient.get(id) as Row | undefined;
      return r ? (JSON.parse(r.data as string) as OidcClient) : undefined;
    },
    async insertDevice(d) {
      return q.insDevice.run(d.deviceCodeHash, d.userCode, d.clientId, d.interval, d.createdAt, d.expiresAt).changes > 0;
    },
    async deviceByHash(h) {
      const r = q.deviceByHash.get(h) as Row | undefined;
      return r ? toDevice(r) : undefined;
    },
    async deviceByUserCode(c) {
      const r = q.deviceByUserCode.get(c) as Row | undefined;
      return r ? toDevice(r) : undefined;
    },
    async decideDevice(userCode, status, sessionId) {
      return q.decideDevice.run(status, sessionId ?? null, userCode).changes > 0;
    },
    async recordPoll(h, at, interval) {
      q.recordPoll.run(at, interval, h);
    },
    async consumeDevice(h) {
      const r = q.consumeDevice.get(h) as Row | undefined;
      return r ? toDevice(r) : undefined;
    },
    async insertCode(c: AuthorizationCode) {
      q.insCode.run(c.codeHash, c.expiresAt, JSON.stringify(c));
    },
    async consumeCode(h) {
      const r = q.consumeCode.get(h) as Row | undefined;
      return r ? (JSON.parse(r.data as string) as AuthorizationCode) : undefined;
    },
    async insertSession(s) {
      q.insSession.run(s.id, s.userId, s.browserHash, s.createdAt, s.expiresAt);
    },
    async getSession(id) {
      const r = q.getSession.get(id) as Row | undefined;
      return r ? toSession(r) : undefined;
    },
    async endSession(id, at) {
      return q.endSession.run(at, id).changes > 0;
    },
    async insertToken(t) {
      q.insToken.run(t.hash, t.kind, t.sessionId, t.clientId, JSON.stringify(t.scopes), t.createdAt, t.expiresAt);
    },
    async tokenState(hash): Promise<SsoTokenState | undefined> {
      const r = q.tokenState.get(hash) as Row | undefined;
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
      const r = q.consumeToken.get(hash) as Row | undefined;
      return r ? toToken(r) : undefined;
    },
    async purgeExpired(before) {
      return db.transaction(() => {
        let n = 0;
        n += db.prepare('DELETE FROM sso_device_auths WHERE expires_at < ?').run(before).changes;
        n += db.prepare('DELETE FROM sso_auth_codes WHERE expires_at < ?').run(before).changes;
        n += db.prepare('DELETE FROM sso_tokens WHERE expires_at < ?').run(before).changes;
        n += db.prepare('DELETE FROM sso_sessions WHERE expires_at < ?').run(before).changes;
        n += db.prepare('DELETE FROM sso_clients WHERE expires_at < ?').run(before).changes;
        return n;
      })();
    },
  };
}
