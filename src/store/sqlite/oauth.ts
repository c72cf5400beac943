/** SQLite implementation of the managed-login / OAuth repository. Statements are prepared once. */
import type { OAuthRepo } from '../port-oauth.ts';
import { mapRow, page, type Row } from '../rows.ts';
import { domainParams, loginSessionParams, resourceServerParams, toDomain, toLoginSession, toResourceServer } from '../rows-oauth.ts';
import type { SqliteDb } from './index.ts';

export function createOAuthRepo(db: SqliteDb): OAuthRepo {
  const q = {
    insDomain: db.prepare('INSERT OR IGNORE INTO user_pool_domains (domain, pool_id, data) VALUES (?, ?, ?)'),
    getDomain: db.prepare('SELECT * FROM user_pool_domains WHERE domain = ?'),
    poolDomains: db.prepare('SELECT * FROM user_pool_domains WHERE pool_id = ? ORDER BY domain'),
    updDomain: db.prepare('UPDATE user_pool_domains SET pool_id = ?, data = ? WHERE domain = ?'),
    delDomain: db.prepare('DELETE FROM user_pool_domains WHERE domain = ?'),
    insRs: db.prepare('INSERT OR IGNORE INTO resource_servers (pool_id, identifier, data) VALUES (?, ?, ?)'),
    getRs: db.prepare('SELECT * FROM resource_servers WHERE pool_id = ? AND identifier = ?'),
    listRs: db.prepare('SELECT * FROM resource_servers WHERE pool_id = ? AND identifier > ? ORDER BY identifier LIMIT ?'),
    countRs: db.prepare('SELECT COUNT(*) AS n FROM resource_servers WHERE pool_id = ?'),
    updRs: db.prepare('UPDATE resource_servers SET data = ? WHERE pool_id = ? AND identifier = ?'),
    delRs: db.prepare('DELETE FROM resource_servers WHERE pool_id = ? AND identifier = ?'),
    insSession: db.prepare(
      `INSERT INTO login_sessions (id, pool_id, sub, browser_hash, generation, auth_time, created_at, expires_at, ended_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ),
    getSession: db.prepare('SELECT * FROM login_sessions WHERE id = ?'),
    link: db.prepare('INSERT OR IGNORE INTO login_session_grants (session_id, grant_id, pool_id) VALUES (?, ?, ?)'),
    endSession: db.prepare('UPDATE login_sessions SET ended_at = COALESCE(ended_at, ?) WHERE id = ?'),
    revokeLinked: db.prepare(
      `UPDATE grants SET revoked_at = ? WHERE revoked_at IS NULL
       AND id IN (SELECT grant_id FROM login_session_grants WHERE session_id = ?)`,
    ),
    purgeLinks: db.prepare(
      `DELETE FROM login_session_grants WHERE session_id IN
       (SELECT id FROM login_sessions WHERE expires_at < ? OR ended_at < ?)`,
    ),
    purgeSessions: db.prepare('DELETE FROM login_sessions WHERE expires_at < ? OR ended_at < ?'),
  };
  const endTx = db.transaction((id: string, at: number, revokeGrants: boolean): number | undefined => {
    if (q.endSession.run(at, id).changes === 0) return undefined;
    return revokeGrants ? q.revokeLinked.run(at, id).changes : 0;
  });
  const purgeTx = db.transaction((before: number): number => {
    q.purgeLinks.run(before, before);
    return q.purgeSessions.run(before, before).changes;
  });
  return {
    async insertDomain(d) {
      return q.insDomain.run(...domainParams(d)).changes > 0;
    },
    async getDomain(domain) {
      return mapRow(q.getDomain.get(domain) as Row | undefined, toDomain);
    },
    async domainsOfPool(poolId) {
      return (q.poolDomains.all(poolId) as Row[]).map(toDomain);
    },
    async updateDomain(d) {
      const [domain, poolId, data] = domainParams(d);
      q.updDomain.run(poolId, data, domain);
    },
    async deleteDomain(domain) {
      return q.delDomain.run(domain).changes > 0;
    },
    async insertResourceServer(rs) {
      return q.insRs.run(...resourceServerParams(rs)).changes > 0;
    },
    async getResourceServer(poolId, identifier) {
      return mapRow(q.getRs.get(poolId, identifier) as Row | undefined, toResourceServer);
    },
    async listResourceServers(poolId, limit, after) {
      const rows = (q.listRs.all(poolId, after ?? '', limit + 1) as Row[]).map(toResourceServer);
      return page(rows, limit, (r) => r.identifier);
    },
    async countResourceServers(poolId) {
      return (q.countRs.get(poolId) as { n: number }).n;
    },
    async updateResourceServer(rs) {
      const [poolId, identifier, data] = resourceServerParams(rs);
      return q.updRs.run(data, poolId, identifier).changes > 0;
    },
    async deleteResourceServer(poolId, identifier) {
      return q.delRs.run(poolId, identifier).changes > 0;
    },
    async insertLoginSession(s) {
      q.insSession.run(...loginSessionParams(s));
    },
    async getLoginSession(id) {
      return mapRow(q.getSession.get(id) as Row | undefined, toLoginSession);
    },
    async linkGrant(poolId, sessionId, grantId) {
      q.link.run(sessionId, grantId, poolId);
    },
    async endLoginSession(id, at, revokeGrants) {
      return endTx(id, at, revokeGrants);
    },
    async purgeLoginSessions(before) {
      return purgeTx(before);
    },
  };
}
