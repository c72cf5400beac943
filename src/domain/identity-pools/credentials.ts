/**
 * Identity-pool credentials: temporary SigV4 keys for the pool's authenticated or unauthenticated role.
 * Cognate's SigV4 verification recognises them until they expire, but they never carry admin powers —
 * an end user's credentials must not manage pools.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { type IssuedCredentials, issueTemporaryCredentials } from '../temporary-keys.ts';
import { InvalidIdentityPoolConfigurationException, MSG } from './errors.ts';
import type { AuthorizedIdentity } from './identities.ts';
import type { VerifiedLogin } from './login-tokens.ts';
import { resolveAuthenticatedRole } from './role-mapping.ts';
import type { IdentityPoolRecord } from './types.ts';

/** How long GetCredentialsForIdentity credentials last (AWS: one hour). */
export const IDENTITY_CREDENTIALS_TTL_MS = 60 * 60 * 1000;

function roleName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * The role these credentials are for: for an authenticated identity, the role its login's role mapping
 * resolves (role-mapping.ts); otherwise the pool's unauthenticated role (CustomRoleArn must name it).
 */
export function chooseRole(pool: IdentityPoolRecord, authenticated: boolean, customRoleArn?: string, logins: VerifiedLogin[] = []): string {
  if (authenticated) return resolveAuthenticatedRole(pool, logins, customRoleArn);
  const role = pool.roles[authenticated ? 'authenticated' : 'unauthenticated'];
  if (!role) throw new InvalidIdentityPoolConfigurationException(MSG.badRoles);
  if (customRoleArn !== undefined && customRoleArn !== role) {
    throw new InvalidParameterException(`CustomRoleArn '${customRoleArn}' is not the role this identity pool assigns.`);
  }
  return role;
}

export async function identityCredentials(app: App, who: AuthorizedIdentity, customRoleArn?: string): Promise<IssuedCredentials> {
  const role = chooseRole(who.pool, who.authenticated, customRoleArn, who.logins);
  return issueTemporaryCredentials(
    app,
    {
      kind: 'identity-pool',
      arn: `arn:aws:sts::${app.accountId}:assumed-role/${roleName(role)}/CognitoIdentityCredentials`,
      admin: false,
      accountId: app.accountId,
    },
    IDENTITY_CREDENTIALS_TTL_MS,
  );
}
