/** GetOpenIdToken (unsigned): authorize the caller as the identity → a ten-minute token signed by Cognate. */
import { authorizeIdentity } from '../../domain/identity-pools/identities.ts';
import { issueOpenIdToken } from '../../domain/identity-pools/openid.ts';
import type { RequestContext } from '../../server/context.ts';

export async function getOpenIdToken(input: { IdentityId: string; Logins?: Record<string, string> }, { app }: RequestContext) {
  const who = await authorizeIdentity(app, input.IdentityId, input.Logins);
  return { IdentityId: who.identity.id, Token: await issueOpenIdToken(app, who) };
}
