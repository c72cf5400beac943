/** DescribeUserPool, with the pool's domains (Domain: the prefix, CustomDomain: the custom domain). */
import type { RequestContext } from '../../server/context.ts';
import { getPool, poolShape } from '../../domain/user-pools.ts';

export async function describeUserPool(input: { UserPoolId: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const domains = await app.store.oauth.domainsOfPool(pool.id);
  const prefix = domains.find((d) => !d.custom)?.domain;
  const custom = domains.find((d) => d.custom)?.domain;
  const users = await app.store.users.count(pool.id);
  return {
    UserPool: { ...poolShape(app, pool, users), ...(prefix ? { Domain: prefix } : {}), ...(custom ? { CustomDomain: custom } : {}) },
  };
}
