/** ListIdentities (signed): find the pool → one page of its identities in id order. */
import { describeIdentity } from '../../domain/identity-pools/identities.ts';
import { requirePool } from '../../domain/identity-pools/pools.ts';
import type { RequestContext } from '../../server/context.ts';

export async function listIdentities(
  input: { IdentityPoolId: string; MaxResults: number; NextToken?: string; HideDisabled?: boolean },
  { app }: RequestContext,
) {
  const pool = await requirePool(app, input.IdentityPoolId);
  const page = await app.store.identity.listIdentities(pool.id, input.MaxResults, input.NextToken);
  return {
    IdentityPoolId: pool.id,
    Identities: page.items.map(describeIdentity),
    ...(page.next ? { NextToken: page.next } : {}),
  };
}
