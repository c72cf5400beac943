/**
 * GET /oauth2/authorize: checks the request (domain/oauth/authorize-request.ts); with a live browser
 * session (and no prompt=login) approves it at once; with prompt=none and no session answers
 * login_required; otherwise sends the browser to /login with the same parameters, as Cognito does.
 */
import { approve } from '../../domain/oauth/approve.ts';
import { withParams } from '../../domain/oauth/authorize-request.ts';
import { liveLoginSession } from '../../domain/oauth/login-sessions.ts';
import type { Route } from '../../server/context.ts';
import { redirect } from '../html.ts';
import { authorizeFields, authorizeRequestOf, loginCookieOf, queryOf } from './request.ts';

export const authorizeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/oauth2/authorize',
    handler: async (r) => {
      const req = await authorizeRequestOf(r, r.url.searchParams);
      if (!req) return;
      const live = req.prompt === 'login' ? undefined : await liveLoginSession(r.ctx.app, req.pool, loginCookieOf(r));
      if (live) return redirect(r.res, await approve(r.ctx.app, req, live.session, live.user), [], 302);
      if (req.prompt === 'none') {
        return redirect(
          r.res,
          withParams(req.redirectUri, { error: 'login_required', state: req.state }, req.responseType === 'token'),
          [],
          302,
        );
      }
      const fields = authorizeFields(r.url.searchParams);
      // prompt=login has been honoured by coming here; the form must not loop back to the same prompt.
      delete fields.prompt;
      redirect(r.res, `/login?${queryOf(fields)}`, [], 302);
    },
  },
];
