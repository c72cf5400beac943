/** Row ↔ record mapping of the managed-login / OAuth tables, shared by both adapters. */
import type { DomainRecord, LoginSessionRecord, ResourceServerRecord } from '../domain/oauth/types.ts';
import type { Row } from './rows.ts';

/** The `data` column of a domain: everything but the key columns. */
export function toDomain(r: Row): DomainRecord {
  return { ...JSON.parse(r.data as string), domain: r.domain as string, poolId: r.pool_id as string };
}

/** user_pool_domains (domain, pool_id, data) */
export function domainParams(d: DomainRecord): unknown[] {
  const { domain, poolId, ...rest } = d;
  return [domain, poolId, JSON.stringify(rest)];
}

export function toResourceServer(r: Row): ResourceServerRecord {
  const data = JSON.parse(r.data as string) as { name: string; scopes: ResourceServerRecord['scopes'] };
  return { poolId: r.pool_id as string, identifier: r.identifier as string, name: data.name, scopes: data.scopes };
}

/** resource_servers (pool_id, identifier, data) */
export const resourceServerParams = (rs: ResourceServerRecord): unknown[] => [
  rs.poolId,
  rs.identifier,
  JSON.stringify({ name: rs.name, scopes: rs.scopes }),
];

export function toLoginSession(r: Row): LoginSessionRecord {
  const s: LoginSessionRecord = {
    id: r.id as string,
    poolId: r.pool_id as string,
    sub: r.sub as string,
    browserHash: r.browser_hash as string,
    generation: r.generation as number,
    authTime: r.auth_time as number,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
  if (r.ended_at !== null && r.ended_at !== undefined) s.endedAt = r.ended_at as number;
  return s;
}

/** login_sessions (id, pool_id, sub, browser_hash, generation, auth_time, created_at, expires_at) */
export const loginSessionParams = (s: LoginSessionRecord): unknown[] => [
  s.id,
  s.poolId,
  s.sub,
  s.browserHash,
  s.generation,
  s.authTime,
  s.createdAt,
  s.expiresAt,
];
