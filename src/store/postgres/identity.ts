/**
 * PostgreSQL implementation of the identity-pool repository. Linking logins reads, then writes; SQLite
 * makes that atomic with an IMMEDIATE transaction (one writer at a time). Here a transaction-scoped
 * advisory lock per identity pool does the same, so concurrent GetId calls on any node end with one identity.
 */
import type { IdentityRecord, LoginLink } from '../../domain/identity-pools/types.ts';
import type { IdentityRepo, LinkResult } from '../port-identity.ts';
import { mapRow, page } from '../rows.ts';
import { identityParams, identityPoolParams, identityPoolUpdateParams, toIdentity, toIdentityPool } from '../rows-identity.ts';
import type { Db, Querier } from './db.ts';

const lockPool = (q: Querier, poolId: string) =>
  q.run("SELECT pg_advisory_xact_lock(hashtext('cognate:identity-pool:' || current_schema() || ':' || $1))", [poolId]);

async function ownerOf(q: Querier, poolId: string, subject: string): Promise<string | undefined> {
  return (await q.row('SELECT identity_id FROM identity_logins WHERE pool_id = $1 AND subject = $2', [poolId, subject]))?.identity_id as
    | string
    | undefined;
}

/** Links logins to an identity inside the caller's transaction (which holds the pool's lock). */
async function linkAll(q: Querier, identity: IdentityRecord, logins: LoginLink[], at: number): Promise<LinkResult> {
  for (const l of logins) {
    const owner = await ownerOf(q, identity.poolId, l.subject);
    if (owner !== undefined && owner !== identity.id) return { ok: false, conflictWith: owner };
  }
  const names = new Set(identity.logins);
  let changed = false;
  for (const l of logins) {
    const n = await q.run(
      'INSERT INTO identity_logins (pool_id, subject, identity_id, provider, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [identity.poolId, l.subject, identity.id, l.providerName, at],
    );
    if (n > 0) changed = true;
    if (!names.has(l.providerName)) {
      names.add(l.providerName);
      changed = true;
    }
  }
  if (!changed) return { ok: true, identity };
  const updated = { ...identity, logins: [...names], lastModifiedAt: at };
  await q.run('UPDATE identities SET logins = $1, last_modified_at = $2 WHERE id = $3', [JSON.stringify(updated.logins), at, identity.id]);
  return { ok: true, identity: updated };
}

const insertIdentity = (q: Querier, i: IdentityRecord) =>
  q.run('INSERT INTO identities (id, pool_id, logins, created_at, last_modified_at) VALUES ($1, $2, $3, $4, $5)', identityParams(i));

const getIdentity = async (q: Querier, id: string) => {
  return mapRow(await q.row('SELECT * FROM identities WHERE id = $1', [id]), toIdentity);
};

export function createPostgresIdentityRepo(db: Db): IdentityRepo {
  return {
    async insertPool(p) {
      await db.run(
        'INSERT INTO identity_pools (id, name, created_at, last_modified_at, data) VALUES ($1, $2, $3, $4, $5)',
        identityPoolParams(p),
      );
    },
    async getPool(id) {
      return mapRow(await db.row('SELECT * FROM identity_pools WHERE id = $1', [id]), toIdentityPool);
    },
    async listPools(limit, after) {
      const rows = await db.rows('SELECT * FROM identity_pools WHERE id > $1 ORDER BY id LIMIT $2', [after ?? '', limit + 1]);
      return page(rows.map(toIdentityPool), limit, (p) => p.id);
    },
    async updatePool(p) {
      const n = await db.run(
        'UPDATE identity_pools SET name = $1, last_modified_at = $2, data = $3 WHERE id = $4',
        identityPoolUpdateParams(p),
      );
      return n > 0;
    },
    async deletePool(id) {
      return db.tx(async (q) => {
        const n = await q.run('DELETE FROM identity_pools WHERE id = $1', [id]);
        await q.run('DELETE FROM identity_logins WHERE pool_id = $1', [id]);
        await q.run('DELETE FROM identities WHERE pool_id = $1', [id]);
        return n > 0;
      });
    },
    async insertIdentity(i) {
      await insertIdentity(db, i);
    },
    async getIdentity(id) {
      return getIdentity(db, id);
    },
    async findByLogin(poolId, subject) {
      return ownerOf(db, poolId, subject);
    },
    async resolveOrCreate(fresh, logins, at) {
      return db.tx(async (q): Promise<LinkResult> => {
        await lockPool(q, fresh.poolId);
        const owners = new Set<string>();
        for (const l of logins) {
          const owner = await ownerOf(q, fresh.poolId, l.subject);
          if (owner) owners.add(owner);
        }
        if (owners.size > 1) return { ok: false, conflictWith: [...owners][1] as string };
        const existingId = [...owners][0];
        if (existingId) {
          const existing = await getIdentity(q, existingId);
          if (existing) return linkAll(q, existing, logins, at);
        }
        await insertIdentity(q, { ...fresh, logins: [] });
        return linkAll(q, { ...fresh, logins: [] }, logins, at);
      });
    },
    async link(identityId, logins, at) {
      return db.tx(async (q): Promise<LinkResult> => {
        // An identity's pool never changes, so it can be read before the pool's lock is taken.
        const before = await getIdentity(q, identityId);
        if (!before) return { ok: false, conflictWith: identityId };
        await lockPool(q, before.poolId);
        const identity = await getIdentity(q, identityId);
        if (!identity) return { ok: false, conflictWith: identityId };
        return linkAll(q, identity, logins, at);
      });
    },
    async listIdentities(poolId, limit, after) {
      const rows = await db.rows('SELECT * FROM identities WHERE pool_id = $1 AND id > $2 ORDER BY id LIMIT $3', [
        poolId,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toIdentity), limit, (i) => i.id);
    },
    async deleteIdentities(ids) {
      return db.tx(async (q) => {
        await q.run('DELETE FROM identity_logins WHERE identity_id = ANY($1::text[])', [ids]);
        return q.run('DELETE FROM identities WHERE id = ANY($1::text[])', [ids]);
      });
    },
  };
}
