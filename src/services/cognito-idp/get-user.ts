/** GetUser (unsigned): authenticate the access token (signature, pool, use, revocation, expiry, scope) → user. */
import type { RequestContext } from '../../server/context.ts';
import { authenticateAccessTokenWithUser } from '../../domain/revocation.ts';
import { userMfaShape } from '../../domain/mfa/user-mfa.ts';
import { wireAttributes } from '../../domain/users.ts';
import { readableAttributes } from '../../domain/client-permissions.ts';

export async function getUser(input: { AccessToken: string }, { app }: RequestContext) {
  // The grant's revocation state and the user come from one store read (a deleted user reads as revoked).
  const { user, grant } = await authenticateAccessTokenWithUser(app, input.AccessToken);
  const readable = await readableAttributes(app, grant.poolId, grant.clientId);
  return {
    Username: user.username,
    // Developer-only attributes are for administrators: a user's own token never reads them.
    // and a client with ReadAttributes reads only those (sub always).
    UserAttributes: wireAttributes(user).filter(
      (a) => !a.Name.startsWith('dev:') && (readable === undefined || a.Name === 'sub' || readable.has(a.Name)),
    ),
    ...userMfaShape(user),
  };
}
