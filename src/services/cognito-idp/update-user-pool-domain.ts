/** UpdateUserPoolDomain (signed): pool → its domain → new certificate and/or managed-login version. */
import type { RequestContext } from '../../server/context.ts';
import { type DomainInput, cloudFrontDomain, updateDomain } from '../../domain/oauth/domains.ts';
import { getPool } from '../../domain/user-pools.ts';

export async function updateUserPoolDomain(input: DomainInput, { app }: RequestContext) {
  await getPool(app, input.UserPoolId);
  const d = await updateDomain(app, input);
  return { ManagedLoginVersion: d.managedLoginVersion, ...(d.custom ? { CloudFrontDomain: cloudFrontDomain(d.domain) } : {}) };
}
