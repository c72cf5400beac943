/** CreateUserPool: validate → create the pool with Cognito's defaults → create its signing keys. */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { newPoolId } from '../../domain/ids.ts';
import { assertFirstFactors } from '../../domain/mfa/first-factors.ts';
import { assertMfaHasFactor } from '../../domain/mfa/pool-mfa.ts';
import { normalizeLambdaConfig } from '../../domain/triggers/lambda-config.ts';
import { defaultPoolConfig, poolShape } from '../../domain/user-pools.ts';
import type { PoolRecord } from '../../domain/types.ts';

export async function createUserPool(input: Record<string, unknown>, { app }: RequestContext) {
  const pp = (input.Policies as { PasswordPolicy?: { MinimumLength?: number } } | undefined)?.PasswordPolicy;
  if (pp?.MinimumLength !== undefined && (pp.MinimumLength < 6 || pp.MinimumLength > 99)) {
    throw new InvalidParameterException(
      "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value between 6 and 99",
    );
  }
  if (input.UsernameAttributes && input.AliasAttributes) {
    throw new InvalidParameterException('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool');
  }
  if (input.LambdaConfig !== undefined) input.LambdaConfig = normalizeLambdaConfig(input.LambdaConfig);
  const now = app.now();
  const pool: PoolRecord = {
    id: newPoolId(app.config.region),
    name: input.PoolName as string,
    createdAt: now,
    lastModifiedAt: now,
    config: defaultPoolConfig(input),
  };
  assertMfaHasFactor(pool);
  assertFirstFactors(pool);
  await app.keys.createKeys(pool.id, ['access', 'id'], now);
  await app.store.pools.insert(pool);
  return { UserPool: poolShape(app, pool) };
}
