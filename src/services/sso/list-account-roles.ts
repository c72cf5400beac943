/** ListAccountRoles: bearer → session → the permission sets the user may use in the account, one page. */
import { authenticatePortalToken } from '../../domain/sso/session.ts';
import type { RawRequest } from '../../server/context.ts';
import { bearerToken, decodeNextToken, encodeNextToken, maxResults, requiredQuery } from './request.ts';

export async function listAccountRoles(r: RawRequest) {
  const { user } = await authenticatePortalToken(r.ctx.app, bearerToken(r));
  const accountId = requiredQuery(r, 'account_id', 'accountId');
  const limit = maxResults(r);
  const page = await r.ctx.app.store.sso.rolesOf(user.id, accountId, limit, decodeNextToken(r));
  const nextToken = encodeNextToken(page.next);
  return {
    roleList: page.items.map((p) => ({ roleName: p.name, accountId })),
    ...(nextToken ? { nextToken } : {}),
  };
}
