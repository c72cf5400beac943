/** DescribeUserPoolDomain (signed): an unknown domain is answered with an empty description, as Cognito does. */
import type { RequestContext } from '../../server/context.ts';
import { domainShape } from '../../domain/oauth/domains.ts';

export async function describeUserPoolDomain(input: { Domain: string }, { app }: RequestContext) {
  const d = await app.store.oauth.getDomain(input.Domain);
  return { DomainDescription: d ? domainShape(app, d) : {} };
}
