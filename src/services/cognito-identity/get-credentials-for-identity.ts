/**
 * GetCredentialsForIdentity (unsigned): authorize the caller as the identity (logins verified, revocation
 * asked for ServerSideTokenCheck providers) → check the pool has the role → mint temporary credentials.
 */
import { chooseRole, identityCredentials } from '../../domain/identity-pools/credentials.ts';
import { authorizeIdentity } from '../../domain/identity-pools/identities.ts';
import type { RequestContext } from '../../server/context.ts';

export async function getCredentialsForIdentity(
  input: { IdentityId: string; Logins?: Record<string, string>; CustomRoleArn?: string },
  { app }: RequestContext,
) {
  const who = await authorizeIdentity(app, input.IdentityId, input.Logins, (pool, authenticated, logins) => {
    chooseRole(pool, authenticated, input.CustomRoleArn, logins);
  });
  const c = await identityCredentials(app, who, input.CustomRoleArn);
  return {
    IdentityId: who.identity.id,
    Credentials: {
      AccessKeyId: c.accessKeyId,
      SecretKey: c.secretAccessKey,
      SessionToken: c.sessionToken,
      Expiration: Math.floor(c.expiresAt / 1000),
    },
  };
}
