/** ListTagsForResource (signed): the pool the ARN names → its tags. */
import type { RequestContext } from '../../server/context.ts';
import { poolOfArn, tagsOf } from '../../domain/tags.ts';

export async function listTagsForResource(input: { ResourceArn: string }, { app }: RequestContext) {
  return { Tags: tagsOf(await poolOfArn(app, input.ResourceArn)) };
}
