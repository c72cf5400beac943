/**
 * User-pool groups: lookups with Cognito's not-found message, the GroupType wire shape, and the claims a
 * user's groups put in tokens (cognito:groups, cognito:roles, cognito:preferred_role).
 */
import { ResourceNotFoundException } from '../protocol/errors.ts';
import type { App } from './app.ts';
import type { GroupRecord, PoolRecord } from './types.ts';
import { epochSeconds } from './user-pools.ts';

export const GROUP_NOT_FOUND = 'Group not found.';

export async function requireGroup(app: App, pool: PoolRecord, name: string): Promise<GroupRecord> {
  const g = await app.store.groups.get(pool.id, name);
  if (!g) throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  return g;
}

/** GroupType. */
export function groupShape(g: GroupRecord): Record<string, unknown> {
  return {
    GroupName: g.name,
    UserPoolId: g.poolId,
    ...(g.description !== undefined ? { Description: g.description } : {}),
    ...(g.roleArn !== undefined ? { RoleArn: g.roleArn } : {}),
    ...(g.precedence !== undefined ? { Precedence: g.precedence } : {}),
    LastModifiedDate: epochSeconds(g.lastModifiedAt),
    CreationDate: epochSeconds(g.createdAt),
  };
}

/** Precedence order: lower first, groups without a precedence last, then by name for a stable order. */
function byPrecedence(a: GroupRecord, b: GroupRecord): number {
  const pa = a.precedence ?? Number.POSITIVE_INFINITY;
  const pb = b.precedence ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
}

/**
 * The group claims of a user's tokens. `cognito:groups` (access and ID token) names every group, in
 * precedence order; the ID token's `cognito:roles` lists the groups' distinct role ARNs in the same order,
 * and `cognito:preferred_role` is the role of the highest-precedence (lowest value) group that has one —
 * left out when groups tied at that precedence have different roles, as Cognito documents. A user in no
 * group gets none of these claims.
 */
export function groupClaims(groups: GroupRecord[]): {
  access: Record<string, unknown>;
  id: Record<string, unknown>;
} {
  if (groups.length === 0) return { access: {}, id: {} };
  const ordered = [...groups].sort(byPrecedence);
  const names = ordered.map((g) => g.name);
  const withRole = ordered.filter((g) => g.roleArn !== undefined);
  const roles = [...new Set(withRole.map((g) => g.roleArn as string))];
  const id: Record<string, unknown> = { 'cognito:groups': names };
  const top = withRole[0];
  if (top) {
    const tied = withRole.filter((g) => g.precedence === top.precedence);
    if (tied.every((g) => g.roleArn === top.roleArn)) id['cognito:preferred_role'] = top.roleArn;
    id['cognito:roles'] = roles;
  }
  return { access: { 'cognito:groups': names }, id };
}
