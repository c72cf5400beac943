/**
 * Row ↔ record mapping of the identity-pool tables, shared by both adapters. Each `…Params` function lists
 * a record's values in the column order of the adapters' INSERT or UPDATE statement named in its comment.
 */
import type { IdentityPoolRecord, IdentityRecord } from '../domain/identity-pools/types.ts';
import type { Row } from './rows.ts';

export function toIdentityPool(r: Row): IdentityPoolRecord {
  const data = JSON.parse(r.data as string) as Omit<IdentityPoolRecord, 'id' | 'name' | 'createdAt' | 'lastModifiedAt'>;
  return {
    ...data,
    id: r.id as string,
    name: r.name as string,
    createdAt: r.created_at as number,
    lastModifiedAt: r.last_modified_at as number,
  };
}

/** The `data` column: everything of an identity pool that has no column of its own. */
function poolData(p: IdentityPoolRecord): string {
  const { id, name, createdAt, lastModifiedAt, ...rest } = p;
  return JSON.stringify(rest);
}

/** identity_pools (id, name, created_at, last_modified_at, data) */
export const identityPoolParams = (p: IdentityPoolRecord) => [p.id, p.name, p.createdAt, p.lastModifiedAt, poolData(p)];

/** UPDATE identity_pools SET name, last_modified_at, data WHERE id */
export const identityPoolUpdateParams = (p: IdentityPoolRecord) => [p.name, p.lastModifiedAt, poolData(p), p.id];

export const toIdentity = (r: Row): IdentityRecord => ({
  id: r.id as string,
  poolId: r.pool_id as string,
  logins: JSON.parse(r.logins as string) as string[],
  createdAt: r.created_at as number,
  lastModifiedAt: r.last_modified_at as number,
});

/** identities (id, pool_id, logins, created_at, last_modified_at) */
export const identityParams = (i: IdentityRecord) => [i.id, i.poolId, JSON.stringify(i.logins), i.createdAt, i.lastModifiedAt];
