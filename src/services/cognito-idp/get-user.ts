/** GetUser (unsigned): authenticate the access token (signature, pool, use, revocation, expiry, scope) → user. */
import type { RequestContext } from '../../server/context.ts';
import { authenticateAccessTokenWithUser } from '../../domain/revocation.ts';
import { userMfaShape } from '../../domain/mfa/user-mfa.ts';
import { wireAttributes } from '../../domain/users.ts';
import { cachedReadable, readableAttributes } from '../../domain/client-permissions.ts';
import type { AttributeType } from '../../domain/types.ts';

export async function getUser(input: { AccessToken: string }, { app }: RequestContext) {
  // The grant's revocation state and the user come from one store read (a deleted user reads as revoked).
  const { user, grant } = await authenticateAccessTokenWithUser(app, input.AccessToken);
  const readable = (cachedReadable(app, grant.clientId) ?? { readable: await readableAttributes(app, grant.poolId, grant.clientId) })
    .readable;
  return {
    Username: user.username,
    // Developer-only attributes are for administrators (a user's own token never reads them), and a
    // client with ReadAttributes reads only those (sub always).
    UserAttributes: visibleAttributes(wireAttributes(user), readable),
    ...userMfaShape(user),
  };
}

/** Filters only when something is hidden: most users have no dev: attribute and most clients no ReadAttributes. */
function visibleAttributes(attrs: AttributeType[], readable: ReadonlySet<string> | undefined): AttributeType[] {
  if (readable === undefined && !attrs.some((a) => a.Name.startsWith('dev:'))) return attrs;
  return attrs.filter((a) => !a.Name.startsWith('dev:') && (readable === undefined || a.Name === 'sub' || readable.has(a.Name)));
}
