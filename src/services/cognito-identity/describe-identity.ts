/** DescribeIdentity (signed): the identity's linked providers and dates. */
import { describeIdentity as describe, requireIdentity } from '../../domain/identity-pools/identities.ts';
import type { RequestContext } from '../../server/context.ts';

export async function describeIdentity(input: { IdentityId: string }, { app }: RequestContext) {
  return describe(await requireIdentity(app, input.IdentityId));
}
