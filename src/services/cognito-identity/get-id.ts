/** GetId (unsigned): verify the logins (or allow a guest) → find or create the identity. */
import { getId as resolveIdentity } from '../../domain/identity-pools/identities.ts';
import type { RequestContext } from '../../server/context.ts';

export async function getId(
  input: { IdentityPoolId: string; AccountId?: string; Logins?: Record<string, string> },
  { app }: RequestContext,
) {
  return { IdentityId: await resolveIdentity(app, input.IdentityPoolId, input.AccountId, input.Logins) };
}
