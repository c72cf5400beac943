/** PostgreSQL implementation of the group repository: each method one statement or one transaction. */
import type { GroupRepo } from '../port-groups.ts';
import { mapRow, page, postgresFlags } from '../rows.ts';
import { groupParams, groupUpdateParams, toGroup } from '../rows-groups.ts';
import { userRows } from '../rows-user-pools.ts';
import type { Db } from './db.ts';

const { toUser } = userRows(postgresFlags);

const GROUPS_OF_USER = `SELECT g.* FROM group_members m JOIN user_groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
  WHERE m.pool_id = $1 AND m.sub = $2`;

export function createPostgresGroupRepo(db: Db): GroupRepo {
  const get = async (poolId: string, name: string) =>
    mapRow(await db.row('SELECT * FROM user_groups WHERE pool_id = $1 AND name = $2', [poolId, name]), toGroup);
  return {
    async insert(g) {
      const n = await db.run(
        `INSERT INTO user_groups (pool_id, name, description, precedence, role_arn, created_at, last_modified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        groupParams(g),
      );
      return n > 0;
    },
    get,
    async list(poolId, limit, after) {
      const rows = await db.rows('SELECT * FROM user_groups WHERE pool_id = $1 AND name > $2 ORDER BY name LIMIT $3', [
        poolId,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toGroup), limit, (g) => g.name);
    },
    async update(g) {
      const n = await db.run(
        'UPDATE user_groups SET description = $1, precedence = $2, role_arn = $3, last_modified_at = $4 WHERE pool_id = $5 AND name = $6',
        groupUpdateParams(g),
      );
      return n > 0;
    },
    async delete(poolId, name) {
      return db.tx(async (q) => {
        const n = await q.run('DELETE FROM user_groups WHERE pool_id = $1 AND name = $2', [poolId, name]);
        await q.run('DELETE FROM group_members WHERE pool_id = $1 AND group_name = $2', [poolId, name]);
        return n > 0;
      });
    },
    async addMember(poolId, name, m) {
      // Only into a group that exists: a membership never outlives (or predates) its group.
      await db.run(
        `INSERT INTO group_members (pool_id, group_name, username_key, sub)
         SELECT pool_id, name, $1, $2 FROM user_groups WHERE pool_id = $3 AND name = $4 ON CONFLICT DO NOTHING`,
        [m.usernameKey, m.sub, poolId, name],
      );
      return (await get(poolId, name)) !== undefined;
    },
    async removeMember(poolId, name, sub) {
      const n = await db.run('DELETE FROM group_members WHERE pool_id = $1 AND group_name = $2 AND sub = $3', [poolId, name, sub]);
      return n > 0;
    },
    async listForUser(poolId, sub, limit, after) {
      const rows = await db.rows(`${GROUPS_OF_USER} AND m.group_name > $3 ORDER BY m.group_name LIMIT $4`, [
        poolId,
        sub,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toGroup), limit, (g) => g.name);
    },
    async allForUser(poolId, sub) {
      return (await db.rows(`${GROUPS_OF_USER} ORDER BY m.group_name`, [poolId, sub])).map(toGroup);
    },
    async listMembers(poolId, name, limit, after) {
      const rows = await db.rows(
        `SELECT u.* FROM group_members m JOIN users u ON u.pool_id = m.pool_id AND u.sub = m.sub
         WHERE m.pool_id = $1 AND m.group_name = $2 AND m.username_key > $3 ORDER BY m.username_key LIMIT $4`,
        [poolId, name, after ?? '', limit + 1],
      );
      return page(rows.map(toUser), limit, (u) => u.usernameKey);
    },
  };
}
