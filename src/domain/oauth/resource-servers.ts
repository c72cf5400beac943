/**
 * Resource servers: named groups of custom scopes (`{Identifier}/{ScopeName}`) that app clients may be
 * allowed and client_credentials tokens carry.
 */
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { ResourceServerRecord, ResourceServerScope } from './types.ts';

/** Cognito's quota of resource servers per user pool. */
export const MAX_RESOURCE_SERVERS = 25;

function checkScopes(scopes: ResourceServerScope[]): void {
  const seen = new Set<string>();
  for (const s of scopes) {
    if (seen.has(s.ScopeName)) throw new InvalidParameterException(`Duplicate scope name ${s.ScopeName} in Scopes.`);
    seen.add(s.ScopeName);
  }
}

export async function getResourceServer(app: App, poolId: string, identifier: string): Promise<ResourceServerRecord> {
  const rs = await app.store.oauth.getResourceServer(poolId, identifier);
  if (!rs) throw new ResourceNotFoundException(`Resource server ${identifier} does not exist.`);
  return rs;
}

export async function createResourceServer(app: App, rs: ResourceServerRecord): Promise<ResourceServerRecord> {
  checkScopes(rs.scopes);
  if ((await app.store.oauth.countResourceServers(rs.poolId)) >= MAX_RESOURCE_SERVERS) {
    throw new LimitExceededException(`The user pool already has ${MAX_RESOURCE_SERVERS} resource servers, the most it may have.`);
  }
  if (!(await app.store.oauth.insertResourceServer(rs))) {
    throw new InvalidParameterException(`A resource server with identifier ${rs.identifier} already exists in this user pool.`);
  }
  return rs;
}

export async function updateResourceServer(app: App, rs: ResourceServerRecord): Promise<ResourceServerRecord> {
  checkScopes(rs.scopes);
  if (!(await app.store.oauth.updateResourceServer(rs))) {
    throw new ResourceNotFoundException(`Resource server ${rs.identifier} does not exist.`);
  }
  return rs;
}

/** ResourceServerType. */
export function resourceServerShape(rs: ResourceServerRecord): Record<string, unknown> {
  return {
    UserPoolId: rs.poolId,
    Identifier: rs.identifier,
    Name: rs.name,
    Scopes: rs.scopes,
  };
}

/** Every `{identifier}/{scope}` the pool's resource servers define. */
export async function customScopesOf(app: App, poolId: string): Promise<Set<string>> {
  const out = new Set<string>();
  let after: string | undefined;
  do {
    const page = await app.store.oauth.listResourceServers(poolId, 100, after);
    for (const rs of page.items) for (const s of rs.scopes) out.add(`${rs.identifier}/${s.ScopeName}`);
    after = page.next;
  } while (after);
  return out;
}
