/** CreateUserPoolDomain (signed): pool → name and kind checked → domain stored (prefix or custom). */
import type { RequestContext } from '../../server/context.ts';
import { type DomainInput, cloudFrontDomain, createDomain } from '../../domain/oauth/domains.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function createUserPoolDomain(input: DomainInput, { app }: RequestContext) {
  await getPool(app, input.UserPoolId);
  const d = await createDomain(app, input);
  return {
    ManagedLoginVersion: d.managedLoginVersion,
    // Cognito names the CloudFront distribution to point a custom domain's DNS at; a prefix needs none.
    ...(d.custom ? { CloudFrontDomain: cloudFrontDomain(d.domain) } : {}),
  };
}
