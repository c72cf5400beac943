/** GetUserPoolMfaConfig (signed): pool → its MFA configuration. */
import type { RequestContext } from '../../server/context.ts';
import { mfaConfigShape } from '../../domain/mfa/pool-mfa.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function getUserPoolMfaConfig(input: { UserPoolId: string }, { app }: RequestContext) {
  return mfaConfigShape(await getPool(app, input.UserPoolId));
}
