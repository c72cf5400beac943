/**
 * GetRoleCredentials: bearer → session → assignment → temporary credentials that last the permission
 * set's session duration (and survive Logout, as Identity Center's do).
 */
import { assignedRole, mintRoleCredentials } from '../../domain/sso/directory.ts';
import { PortalForbiddenException } from '../../domain/sso/errors.ts';
import { authenticatePortalToken } from '../../domain/sso/session.ts';
import type { RawRequest } from '../../server/context.ts';
import { bearerToken, requiredQuery } from './request.ts';

export async function getRoleCredentials(r: RawRequest) {
  const { app } = r.ctx;
  const { user } = await authenticatePortalToken(app, bearerToken(r));
  const roleName = requiredQuery(r, 'role_name', 'roleName');
  const accountId = requiredQuery(r, 'account_id', 'accountId');
  const ps = await assignedRole(app, user.id, accountId, roleName);
  if (!ps) throw new PortalForbiddenException('No access');
  const c = await mintRoleCredentials(app, user, accountId, ps);
  return {
    roleCredentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiresAt,
    },
  };
}
