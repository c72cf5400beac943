/**
 * The managed-login / OAuth part of the Store port: user pool domains, resource servers, and managed-login
 * browser sessions with the grants issued through them. Ending a session and its grants is one transaction.
 */
import type { DomainRecord, LoginSessionRecord, ResourceServerRecord } from '../domain/oauth/types.ts';
import type { Page } from './port.ts';

export interface OAuthRepo {
  /** Inserts a domain; false when the name is taken (by any pool). */
  insertDomain(d: DomainRecord): Promise<boolean>;
  getDomain(domain: string): Promise<DomainRecord | undefined>;
  /** The pool's domains (at most one prefix and one custom domain), ordered by name. */
  domainsOfPool(poolId: string): Promise<DomainRecord[]>;
  updateDomain(d: DomainRecord): Promise<void>;
  deleteDomain(domain: string): Promise<boolean>;

  /** Inserts a resource server; false when the pool already has one with that identifier. */
  insertResourceServer(rs: ResourceServerRecord): Promise<boolean>;
  getResourceServer(poolId: string, identifier: string): Promise<ResourceServerRecord | undefined>;
  /** The pool's resource servers ordered by identifier. */
  listResourceServers(poolId: string, limit: number, after?: string): Promise<Page<ResourceServerRecord>>;
  countResourceServers(poolId: string): Promise<number>;
  /** Replaces name and scopes; false when it does not exist. */
  updateResourceServer(rs: ResourceServerRecord): Promise<boolean>;
  deleteResourceServer(poolId: string, identifier: string): Promise<boolean>;

  insertLoginSession(s: LoginSessionRecord): Promise<void>;
  getLoginSession(id: string): Promise<LoginSessionRecord | undefined>;
  /** Records that `grantId` was issued through the browser session `sessionId`. */
  linkGrant(poolId: string, sessionId: string, grantId: string): Promise<void>;
  /**
   * Ends a browser session and revokes every grant issued through it, in one transaction. Returns how
   * many grants were revoked, or undefined when the session did not exist.
   */
  endLoginSession(id: string, at: number, revokeGrants: boolean): Promise<number | undefined>;
  /** Housekeeping: removes sessions that expired or ended before `before`, and their grant links. */
  purgeLoginSessions(before: number): Promise<number>;
}
