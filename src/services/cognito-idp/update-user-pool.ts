/** UpdateUserPool (signed): pool → checks → replace the settable configuration (unspecified → default). */
import type { RequestContext } from '../../server/context.ts';
import { assertPoolSettings, updatedPoolConfig } from '../../domain/pool-settings.ts';
import { assertFirstFactors } from '../../domain/mfa/first-factors.ts';
import { assertMfaHasFactor } from '../../domain/mfa/pool-mfa.ts';
import { normalizeLambdaConfig } from '../../domain/triggers/lambda-config.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function updateUserPool(input: Record<string, unknown>, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId as string);
  assertPoolSettings(input);
  if (input.LambdaConfig !== undefined) input.LambdaConfig = normalizeLambdaConfig(input.LambdaConfig);
  pool.config = updatedPoolConfig(pool, input);
  assertMfaHasFactor(pool);
  assertFirstFactors(pool);
  if (typeof input.PoolName === 'string') pool.name = input.PoolName;
  pool.lastModifiedAt = app.now();
  await app.store.pools.update(pool);
  return {};
}
