/**
 * AddCustomAttributes (signed): pool → each attribute checked as CreateUserPool's Schema checks custom
 * ones (data type, not required, `custom:` or `dev:custom:` name, constraints) → appended to the schema;
 * a name the pool already has is refused and nothing is added.
 */
import type { RequestContext } from '../../server/context.ts';
import { addCustom, customAttribute, type SchemaAttribute } from '../../domain/schema.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function addCustomAttributes(input: { UserPoolId: string; CustomAttributes: SchemaAttribute[] }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const schema = (pool.config.SchemaAttributes as SchemaAttribute[] | undefined) ?? [];
  pool.config = { ...pool.config, SchemaAttributes: addCustom(schema, input.CustomAttributes.map(customAttribute)) };
  pool.lastModifiedAt = app.now();
  await app.store.pools.update(pool);
  return {};
}
