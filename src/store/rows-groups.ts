/** Row ↔ record mapping of the group tables, shared by both adapters. */
import type { GroupRecord } from '../domain/types.ts';
import type { Row } from './rows.ts';

export const toGroup = (r: Row): GroupRecord => {
  const g: GroupRecord = {
    poolId: r.pool_id as string,
    name: r.name as string,
    createdAt: r.created_at as number,
    lastModifiedAt: r.last_modified_at as number,
  };
  if (r.description !== null && r.description !== undefined) g.description = r.description as string;
  if (r.precedence !== null && r.precedence !== undefined) g.precedence = Number(r.precedence);
  if (r.role_arn !== null && r.role_arn !== undefined) g.roleArn = r.role_arn as string;
  return g;
};

/** user_groups (pool_id, name, description, precedence, role_arn, created_at, last_modified_at) */
export const groupParams = (g: GroupRecord) => [
  g.poolId,
  g.name,
  g.description ?? null,
  g.precedence ?? null,
  g.roleArn ?? null,
  g.createdAt,
  g.lastModifiedAt,
];

/** UPDATE user_groups SET description, precedence, role_arn, last_modified_at WHERE pool_id, name */
export const groupUpdateParams = (g: GroupRecord) => [
  g.description ?? null,
  g.precedence ?? null,
  g.roleArn ?? null,
  g.lastModifiedAt,
  g.poolId,
  g.name,
];
