/**
 * GET /logout: ends the browser's managed-login session (and, with `--logout-ends-grants`, every grant
 * issued through it), then
 * clears the cookie and redirects either to `logout_uri` (one of the client's LogoutURLs) or, with
 * `redirect_uri` and `response_type`, to the sign-in page for a new authorization request. A URI that is
 * not registered gets an error page and nothing is ended: /logout is never an open redirect.
 */
import { endLoginSessionOfCookie } from '../../domain/oauth/login-sessions.ts';
import { oauthOf } from '../../domain/oauth/client-settings.ts';
import type { Route } from '../../server/context.ts';
import { redirect } from '../html.ts';
import { authorizeFields, authorizeRequestOf, clearLoginCookie, hostDomain, loginCookieOf, queryOf, sendErrorPage } from './request.ts';

export const logoutRoutes: Route[] = [
  {
    method: 'GET',
    path: '/logout',
    handler: async (r) => {
      const app = r.ctx.app;
      const q = r.url.searchParams;
      const clientId = q.get('client_id');
      const logoutUri = q.get('logout_uri');
      if (!clientId) return sendErrorPage(r.res, 400, 'Sign-out error', 'The request has no client_id.');
      if (logoutUri === null) {
        if (q.get('redirect_uri') === null) {
          return sendErrorPage(r.res, 400, 'Sign-out error', 'The request needs logout_uri, or redirect_uri and response_type.');
        }
        // Sign out, then start a new authorization request: the same checks as /oauth2/authorize.
        const req = await authorizeRequestOf(r, q);
        if (!req) return;
        await endLoginSessionOfCookie(app, req.pool, loginCookieOf(r));
        const fields = authorizeFields(q);
        return redirect(r.res, `/login?${queryOf(fields)}`, [clearLoginCookie(app)], 302);
      }
      const host = await hostDomain(r);
      const client = await app.store.clients.find(clientId);
      const pool = client ? await app.store.pools.get(client.poolId) : undefined;
      if (host.unknown) return sendErrorPage(r.res, 404, 'Unknown domain', 'No user pool uses this domain.');
      if (!client || !pool || (host.domain && host.domain.poolId !== pool.id)) {
        return sendErrorPage(r.res, 400, 'Sign-out error', `The app client ${clientId} does not exist.`);
      }
      if (!oauthOf(client).logoutUrls.includes(logoutUri)) {
        return sendErrorPage(r.res, 400, 'Sign-out error', 'The logout_uri is not one of the app client’s sign-out URLs.');
      }
      await endLoginSessionOfCookie(app, pool, loginCookieOf(r));
      redirect(r.res, logoutUri, [clearLoginCookie(app)], 302);
    },
  },
];
