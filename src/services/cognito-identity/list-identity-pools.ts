/** ListIdentityPools (signed): one page of pools in id order; NextToken is the last id returned. */
import type { RequestContext } from '../../server/context.ts';

export async function listIdentityPools(input: { MaxResults: number; NextToken?: string }, { app }: RequestContext) {
  const page = await app.store.identity.listPools(input.MaxResults, input.NextToken);
  return {
    IdentityPools: page.items.map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name })),
    ...(page.next ? { NextToken: page.next } : {}),
  };
}
