/**
 * The identity-pool part of the Store port. Linking a login to an identity is atomic: two concurrent
 * GetId calls for the same user end with one identity.
 */
import type { IdentityPoolRecord, IdentityRecord, LoginLink } from '../domain/identity-pools/types.ts';
import type { Page } from './port.ts';

/** Outcome of linking logins to an identity. */
export type LinkResult = { ok: true; identity: IdentityRecord } | { ok: false; conflictWith: string };

export interface IdentityRepo {
  insertPool(pool: IdentityPoolRecord): Promise<void>;
  getPool(id: string): Promise<IdentityPoolRecord | undefined>;
  listPools(limit: number, after?: string): Promise<Page<IdentityPoolRecord>>;
  /** False when the pool no longer exists. */
  updatePool(pool: IdentityPoolRecord): Promise<boolean>;
  /** Deletes the pool with its identities and their logins. */
  deletePool(id: string): Promise<boolean>;

  /** Inserts an identity with no logins (unauthenticated). */
  insertIdentity(identity: IdentityRecord): Promise<void>;
  getIdentity(id: string): Promise<IdentityRecord | undefined>;
  /** The identity a login is linked to in this pool. */
  findByLogin(poolId: string, subject: string): Promise<string | undefined>;
  /**
   * GetId with logins: the identity one of the logins is already linked to (linking the others to it),
   * or `fresh` with all of them linked. Conflict when the logins belong to different identities.
   */
  resolveOrCreate(fresh: IdentityRecord, logins: LoginLink[], at: number): Promise<LinkResult>;
  /** Links logins to an existing identity; conflict when one is linked to another identity. */
  link(identityId: string, logins: LoginLink[], at: number): Promise<LinkResult>;
  listIdentities(poolId: string, limit: number, after?: string): Promise<Page<IdentityRecord>>;
  /** Deletes identities (and their logins); returns how many existed. */
  deleteIdentities(ids: string[]): Promise<number>;
}
