/** SetUserPoolMfaConfig (signed): pool → apply and check the MFA configuration → save → the configuration. */
import type { RequestContext } from '../../server/context.ts';
import { assertFirstFactors } from '../../domain/mfa/first-factors.ts';
import { applyMfaConfig, type MfaConfigInput, mfaConfigShape } from '../../domain/mfa/pool-mfa.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function setUserPoolMfaConfig(input: MfaConfigInput & { UserPoolId: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  pool.config = applyMfaConfig(pool, input);
  assertFirstFactors(pool);
  pool.lastModifiedAt = app.now();
  await app.store.pools.update(pool);
  return mfaConfigShape(pool);
}
