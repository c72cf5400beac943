/** GetUser (unsigned): authenticate the access token (signature, pool, use, revocation, expiry, scope) → user. */
import type { RequestContext } from '../../server/context.ts';
import { authenticateAccessTokenWithUser } from '../../domain/revocation.ts';
import { userMfaShape } from '../../domain/mfa/user-mfa.ts';
import { wireAttributes } from '../../domain/users.ts';

export async function getUser(input: { AccessToken: string }, { app }: RequestContext) {
  // The grant's revocation state and the user come from one store read (a deleted user reads as revoked).
  const { user } = await authenticateAccessTokenWithUser(app, input.AccessToken);
  return {
    Username: user.username,
    UserAttributes: wireAttributes(user),
    ...userMfaShape(user),
  };
}
