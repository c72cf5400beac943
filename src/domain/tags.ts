/**
 * Tags of a user pool (UserPoolTags), addressed by the pool's ARN as TagResource, UntagResource and
 * ListTagsForResource address them. At most 50 tags, as Cognito allows.
 */
import { InvalidParameterException, ResourceNotFoundException } from '../protocol/errors.ts';
import type { App } from './app.ts';
import type { PoolRecord } from './types.ts';
import { getPool, poolArn } from './user-pools.ts';

export const MAX_TAGS = 50;

/** The user pool an ARN names; another account, region or resource type is not one of ours. */
export async function poolOfArn(app: App, arn: string): Promise<PoolRecord> {
  const m = /^arn:aws:cognito-idp:([^:]+):(\d+):userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn);
  if (!m) throw new InvalidParameterException(`Invalid ResourceArn: ${arn} is not a user pool ARN.`);
  const pool = await app.store.pools.get(m[3] as string);
  if (!pool || poolArn(app, pool.id) !== arn) throw new ResourceNotFoundException(`User pool ${m[3]} does not exist.`);
  return getPool(app, pool.id);
}

export function tagsOf(pool: PoolRecord): Record<string, string> {
  return (pool.config.UserPoolTags as Record<string, string> | undefined) ?? {};
}

/** Replaces the pool's tags, refusing more than MAX_TAGS. */
export async function setTags(app: App, pool: PoolRecord, tags: Record<string, string>): Promise<void> {
  if (Object.keys(tags).length > MAX_TAGS) {
    throw new InvalidParameterException(`A user pool can have at most ${MAX_TAGS} tags.`);
  }
  pool.config = { ...pool.config, UserPoolTags: tags };
  await app.store.pools.update(pool);
}
