/** UntagResource (signed): the pool the ARN names → its tags without these keys (absent keys are no error). */
import type { RequestContext } from '../../server/context.ts';
import { poolOfArn, setTags, tagsOf } from '../../domain/tags.ts';

export async function untagResource(input: { ResourceArn: string; TagKeys: string[] }, { app }: RequestContext) {
  const pool = await poolOfArn(app, input.ResourceArn);
  const tags = { ...tagsOf(pool) };
  for (const k of input.TagKeys) delete tags[k];
  await setTags(app, pool, tags);
  return {};
}
