/** ListAccounts: bearer → session → the user's assigned accounts, one page. */
import { authenticatePortalToken } from '../../domain/sso/session.ts';
import type { RawRequest } from '../../server/context.ts';
import { bearerToken, decodeNextToken, encodeNextToken, maxResults } from './request.ts';

export async function listAccounts(r: RawRequest) {
  const { user } = await authenticatePortalToken(r.ctx.app, bearerToken(r));
  const limit = maxResults(r);
  const page = await r.ctx.app.store.sso.accountsOf(user.id, limit, decodeNextToken(r));
  const nextToken = encodeNextToken(page.next);
  return {
    accountList: page.items.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })),
    ...(nextToken ? { nextToken } : {}),
  };
}
