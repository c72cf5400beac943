/** PostgreSQL implementation of the managed-login / OAuth repository, with the SQLite adapter's semantics. */
import type { OAuthRepo } from '../port-oauth.ts';
import { mapRow, page } from '../rows.ts';
import { domainParams, loginSessionParams, resourceServerParams, toDomain, toLoginSession, toResourceServer } from '../rows-oauth.ts';
import type { Db } from './db.ts';

export function createPostgresOAuthRepo(db: Db): OAuthRepo {
  return {
    async insertDomain(d) {
      return (
        (await db.run(
          'INSERT INTO user_pool_domains (domain, pool_id, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          domainParams(d),
        )) > 0
      );
    },
    async getDomain(domain) {
      return mapRow(await db.row('SELECT * FROM user_pool_domains WHERE domain = $1', [domain]), toDomain);
    },
    async domainsOfPool(poolId) {
      return (await db.rows('SELECT * FROM user_pool_domains WHERE pool_id = $1 ORDER BY domain', [poolId])).map(toDomain);
    },
    async updateDomain(d) {
      const [domain, poolId, data] = domainParams(d);
      await db.run('UPDATE user_pool_domains SET pool_id = $1, data = $2 WHERE domain = $3', [poolId, data, domain]);
    },
    async deleteDomain(domain) {
      return (await db.run('DELETE FROM user_pool_domains WHERE domain = $1', [domain])) > 0;
    },
    async insertResourceServer(rs) {
      return (
        (await db.run(
          'INSERT INTO resource_servers (pool_id, identifier, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          resourceServerParams(rs),
        )) > 0
      );
    },
    async getResourceServer(poolId, identifier) {
      return mapRow(
        await db.row('SELECT * FROM resource_servers WHERE pool_id = $1 AND identifier = $2', [poolId, identifier]),
        toResourceServer,
      );
    },
    async listResourceServers(poolId, limit, after) {
      const rows = await db.rows('SELECT * FROM resource_servers WHERE pool_id = $1 AND identifier > $2 ORDER BY identifier LIMIT $3', [
        poolId,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toResourceServer), limit, (r) => r.identifier);
    },
    async countResourceServers(poolId) {
      return Number((await db.row('SELECT COUNT(*) AS n FROM resource_servers WHERE pool_id = $1', [poolId]))?.n ?? 0);
    },
    async updateResourceServer(rs) {
      const [poolId, identifier, data] = resourceServerParams(rs);
      return (await db.run('UPDATE resource_servers SET data = $1 WHERE pool_id = $2 AND identifier = $3', [data, poolId, identifier])) > 0;
    },
    async deleteResourceServer(poolId, identifier) {
      return (await db.run('DELETE FROM resource_servers WHERE pool_id = $1 AND identifier = $2', [poolId, identifier])) > 0;
    },
    async insertLoginSession(s) {
      await db.run(
        `INSERT INTO login_sessions (id, pool_id, sub, browser_hash, generation, auth_time, created_at, expires_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)`,
        loginSessionParams(s),
      );
    },
    async getLoginSession(id) {
      return mapRow(await db.row('SELECT * FROM login_sessions WHERE id = $1', [id]), toLoginSession);
    },
    async linkGrant(poolId, sessionId, grantId) {
      await db.run('INSERT INTO login_session_grants (session_id, grant_id, pool_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        sessionId,
        grantId,
        poolId,
      ]);
    },
    async endLoginSession(id, at, revokeGrants) {
      return db.tx(async (q) => {
        if ((await q.run('UPDATE login_sessions SET ended_at = COALESCE(ended_at, $1) WHERE id = $2', [at, id])) === 0) return undefined;
        if (!revokeGrants) return 0;
        return q.run(
          `UPDATE grants SET revoked_at = $1 WHERE revoked_at IS NULL
           AND id IN (SELECT grant_id FROM login_session_grants WHERE session_id = $2)`,
          [at, id],
        );
      });
    },
    async purgeLoginSessions(before) {
      return db.tx(async (q) => {
        await q.run(
          `DELETE FROM login_session_grants WHERE session_id IN
           (SELECT id FROM login_sessions WHERE expires_at < $1 OR ended_at < $1)`,
          [before],
        );
        return q.run('DELETE FROM login_sessions WHERE expires_at < $1 OR ended_at < $1', [before]);
      });
    },
  };
}
