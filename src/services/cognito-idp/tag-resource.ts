/** TagResource (signed): the pool the ARN names → its tags with these added or replaced. */
import type { RequestContext } from '../../server/context.ts';
import { poolOfArn, setTags, tagsOf } from '../../domain/tags.ts';

export async function tagResource(input: { ResourceArn: string; Tags: Record<string, string> }, { app }: RequestContext) {
  const pool = await poolOfArn(app, input.ResourceArn);
  await setTags(app, pool, { ...tagsOf(pool), ...input.Tags });
  return {};
}
