/** SQLite implementation of the group repository. Statements are prepared once. */
import type { GroupRepo } from '../port-groups.ts';
import { mapRow, page, type Row, sqliteFlags } from '../rows.ts';
import { groupParams, groupUpdateParams, toGroup } from '../rows-groups.ts';
import { userRows } from '../rows-user-pools.ts';
import type { SqliteDb } from './index.ts';

const { toUser } = userRows(sqliteFlags);

export function createGroupRepo(db: SqliteDb): GroupRepo {
  const ins = db.prepare(
    `INSERT OR IGNORE INTO user_groups (pool_id, name, description, precedence, role_arn, created_at, last_modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const get = db.prepare('SELECT * FROM user_groups WHERE pool_id = ? AND name = ?');
  const list = db.prepare('SELECT * FROM user_groups WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?');
  const upd = db.prepare(
    'UPDATE user_groups SET description = ?, precedence = ?, role_arn = ?, last_modified_at = ? WHERE pool_id = ? AND name = ?',
  );
  const del = db.transaction((poolId: string, name: string) => {
    const n = db.prepare('DELETE FROM user_groups WHERE pool_id = ? AND name = ?').run(poolId, name).changes;
    db.prepare('DELETE FROM group_members WHERE pool_id = ? AND group_name = ?').run(poolId, name);
    return n > 0;
  });
  // Only into a group that exists: a membership never outlives (or predates) its group.
  const add = db.prepare(
    `INSERT OR IGNORE INTO group_members (pool_id, group_name, username_key, sub)
     SELECT pool_id, name, ?, ? FROM user_groups WHERE pool_id = ? AND name = ?`,
  );
  const remove = db.prepare('DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND sub = ?');
  const forUser = db.prepare(
    `SELECT g.* FROM group_members m JOIN user_groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
     WHERE m.pool_id = ? AND m.sub = ? AND m.group_name > ? ORDER BY m.group_name LIMIT ?`,
  );
  const allForUser = db.prepare(
    `SELECT g.* FROM group_members m JOIN user_groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
     WHERE m.pool_id = ? AND m.sub = ? ORDER BY m.group_name`,
  );
  const members = db.prepare(
    `SELECT u.* FROM group_members m JOIN users u ON u.pool_id = m.pool_id AND u.sub = m.sub
     WHERE m.pool_id = ? AND m.group_name = ? AND m.username_key > ? ORDER BY m.username_key LIMIT ?`,
  );
  return {
    async insert(g) {
      return ins.run(...groupParams(g)).changes > 0;
    },
    async get(poolId, name) {
      return mapRow(get.get(poolId, name) as Row | undefined, toGroup);
    },
    async list(poolId, limit, after) {
      return page((list.all(poolId, after ?? '', limit + 1) as Row[]).map(toGroup), limit, (g) => g.name);
    },
    async update(g) {
      return upd.run(...groupUpdateParams(g)).changes > 0;
    },
    async delete(poolId, name) {
      return del(poolId, name) as boolean;
    },
    async addMember(poolId, name, m) {
      add.run(m.usernameKey, m.sub, poolId, name);
      return get.get(poolId, name) !== undefined;
    },
    async removeMember(poolId, name, sub) {
      return remove.run(poolId, name, sub).changes > 0;
    },
    async listForUser(poolId, sub, limit, after) {
      return page((forUser.all(poolId, sub, after ?? '', limit + 1) as Row[]).map(toGroup), limit, (g) => g.name);
    },
    async allForUser(poolId, sub) {
      return (allForUser.all(poolId, sub) as Row[]).map(toGroup);
    },
    async listMembers(poolId, name, limit, after) {
      return page((members.all(poolId, name, after ?? '', limit + 1) as Row[]).map(toUser), limit, (u) => u.usernameKey);
    },
  };
}
