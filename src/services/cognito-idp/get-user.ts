/** GetUser (unsigned): authenticate the access token (signature, pool, use, revocation, expiry, scope) → user. */
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { authenticateAccessToken } from '../../domain/revocation.ts';
import { wireAttributes } from '../../domain/users.ts';

export async function getUser(input: { AccessToken: string }, { app }: RequestContext) {
  const { poolId, claims } = await authenticateAccessToken(app, input.AccessToken);
  const user = await app.store.users.getBySub(poolId, claims.sub as string);
  if (!user) throw new NotAuthorizedException('Access Token has been revoked');
  return {
    Username: user.username,
    UserAttributes: wireAttributes(user),
    ...(user.mfaOptions ? { MFAOptions: user.mfaOptions } : {}),
    ...(user.preferredMfa ? { PreferredMfaSetting: user.preferredMfa } : {}),
  };
}
