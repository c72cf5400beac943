/** The portal API (`sso`, REST-JSON, unsigned, bearer token in `x-amz-sso_bearer_token`). */
import type { Route } from '../../server/context.ts';
import { getRoleCredentials } from './get-role-credentials.ts';
import { listAccountRoles } from './list-account-roles.ts';
import { listAccounts } from './list-accounts.ts';
import { logout } from './logout.ts';
import { portalRoute } from './request.ts';

export const ssoPortalRoutes: Route[] = [
  portalRoute('GET', '/assignment/accounts', listAccounts),
  portalRoute('GET', '/assignment/roles', listAccountRoles),
  portalRoute('GET', '/federation/credentials', getRoleCredentials),
  portalRoute('POST', '/logout', logout),
];
