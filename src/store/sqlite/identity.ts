/** SQLite implementation of the identity-pool repository. Statements are prepared once. */
import type { IdentityRecord, LoginLink } from '../../domain/identity-pools/types.ts';
import type { IdentityRepo, LinkResult } from '../port-identity.ts';
import { mapRow, page, type Row } from '../rows.ts';
import { identityParams, identityPoolParams, identityPoolUpdateParams, toIdentity, toIdentityPool } from '../rows-identity.ts';
import type { SqliteDb } from './index.ts';

export function createIdentityRepo(db: SqliteDb): IdentityRepo {
  const insPool = db.prepare('INSERT INTO identity_pools (id, name, created_at, last_modified_at, data) VALUES (?, ?, ?, ?, ?)');
  const getPool = db.prepare('SELECT * FROM identity_pools WHERE id = ?');
  const listPools = db.prepare('SELECT * FROM identity_pools WHERE id > ? ORDER BY id LIMIT ?');
  const updPool = db.prepare('UPDATE identity_pools SET name = ?, last_modified_at = ?, data = ? WHERE id = ?');
  const delPool = db.transaction((id: string) => {
    const n = db.prepare('DELETE FROM identity_pools WHERE id = ?').run(id).changes;
    db.prepare('DELETE FROM identity_logins WHERE pool_id = ?').run(id);
    db.prepare('DELETE FROM identities WHERE pool_id = ?').run(id);
    return n > 0;
  });
  const insIdentity = db.prepare('INSERT INTO identities (id, pool_id, logins, created_at, last_modified_at) VALUES (?, ?, ?, ?, ?)');
  const getIdentity = db.prepare('SELECT * FROM identities WHERE id = ?');
  const byLogin = db.prepare('SELECT identity_id FROM identity_logins WHERE pool_id = ? AND subject = ?');
  const insLogin = db.prepare(
    'INSERT OR IGNORE INTO identity_logins (pool_id, subject, identity_id, provider, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updLogins = db.prepare('UPDATE identities SET logins = ?, last_modified_at = ? WHERE id = ?');
  const listIdentities = db.prepare('SELECT * FROM identities WHERE pool_id = ? AND id > ? ORDER BY id LIMIT ?');
  const delIdentity = db.prepare('DELETE FROM identities WHERE id = ?');
  const delLogins = db.prepare('DELETE FROM identity_logins WHERE identity_id = ?');

  /** Links logins to an identity inside the caller's transaction. */
  function linkAll(identity: IdentityRecord, logins: LoginLink[], at: number): LinkResult {
    for (const l of logins) {
      const owner = (byLogin.get(identity.poolId, l.subject) as { identity_id: string } | undefined)?.identity_id;
      if (owner !== undefined && owner !== identity.id) return { ok: false, conflictWith: owner };
    }
    const names = new Set(identity.logins);
    let changed = false;
    for (const l of logins) {
      if (insLogin.run(identity.poolId, l.subject, identity.id, l.providerName, at).changes > 0) changed = true;
      if (!names.has(l.providerName)) {
        names.add(l.providerName);
        changed = true;
      }
    }
    if (!changed) return { ok: true, identity };
    const updated = { ...identity, logins: [...names], lastModifiedAt: at };
    updLogins.run(JSON.stringify(updated.logins), at, identity.id);
    return { ok: true, identity: updated };
  }

  const resolveOrCreate = db.transaction((fresh: IdentityRecord, logins: LoginLink[], at: number): LinkResult => {
    const owners = new Set<string>();
    for (const l of logins) {
      const owner = (byLogin.get(fresh.poolId, l.subject) as { identity_id: string } | undefined)?.identity_id;
      if (owner) owners.add(owner);
    }
    if (owners.size > 1) return { ok: false, conflictWith: [...owners][1] as string };
    const existingId = [...owners][0];
    if (existingId) {
      const r = getIdentity.get(existingId) as Row | undefined;
      if (r) return linkAll(toIdentity(r), logins, at);
    }
    insIdentity.run(...identityParams({ ...fresh, logins: [] }));
    return linkAll({ ...fresh, logins: [] }, logins, at);
  });

  const link = db.transaction((identityId: string, logins: LoginLink[], at: number): LinkResult => {
    const r = getIdentity.get(identityId) as Row | undefined;
    if (!r) return { ok: false, conflictWith: identityId };
    return linkAll(toIdentity(r), logins, at);
  });

  const deleteIdentities = db.transaction((ids: string[]) => {
    let n = 0;
    for (const id of ids) {
      delLogins.run(id);
      n += delIdentity.run(id).changes;
    }
    return n;
  });

  return {
    async insertPool(p) {
      insPool.run(...identityPoolParams(p));
    },
    async getPool(id) {
      return mapRow(getPool.get(id) as Row | undefined, toIdentityPool);
    },
    async listPools(limit, after) {
      return page((listPools.all(after ?? '', limit + 1) as Row[]).map(toIdentityPool), limit, (p) => p.id);
    },
    async updatePool(p) {
      return updPool.run(...identityPoolUpdateParams(p)).changes > 0;
    },
    async deletePool(id) {
      return delPool(id) as boolean;
    },
    async insertIdentity(i) {
      insIdentity.run(...identityParams(i));
    },
    async getIdentity(id) {
      return mapRow(getIdentity.get(id) as Row | undefined, toIdentity);
    },
    async findByLogin(poolId, subject) {
      return (byLogin.get(poolId, subject) as { identity_id: string } | undefined)?.identity_id;
    },
    async resolveOrCreate(fresh, logins, at) {
      // IMMEDIATE: take the write lock before reading, so concurrent workers cannot both create.
      return resolveOrCreate.immediate(fresh, logins, at) as LinkResult;
    },
    async link(identityId, logins, at) {
      return link.immediate(identityId, logins, at) as LinkResult;
    },
    async listIdentities(poolId, limit, after) {
      return page((listIdentities.all(poolId, after ?? '', limit + 1) as Row[]).map(toIdentity), limit, (i) => i.id);
    },
    async deleteIdentities(ids) {
      return deleteIdentities(ids) as number;
    },
  };
}
