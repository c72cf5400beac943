/**
 * The end of every successful page sign-in: the browser's managed-login session (kept when the same
 * user signs in again, replaced — and the old one ended — when another user does), its cookie, and the
 * redirect that approves the authorization request.
 */
import { approve } from '../../domain/oauth/approve.ts';
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import { LOGIN_SESSION_SECONDS, liveLoginSession, startLoginSession } from '../../domain/oauth/login-sessions.ts';
import { postAuthentication } from '../../domain/triggers/authentication.ts';
import type { UserRecord } from '../../domain/types.ts';
import type { RawRequest } from '../../server/context.ts';
import { ServiceError } from '../../protocol/errors.ts';
import { redirect } from '../html.ts';
import { loginCookie, loginCookieOf, sendErrorPage } from './request.ts';

export async function finishSignIn(r: RawRequest, req: AuthorizeRequest, user: UserRecord): Promise<void> {
  const app = r.ctx.app;
  const existing = await liveLoginSession(app, req.pool, loginCookieOf(r));
  const cookies: string[] = [];
  let session = existing?.session;
  // Every page sign-in ends here after its last factor: the PostAuthentication trigger, as for InitiateAuth
  // (PostAuthentication_Authentication), before any browser session exists.
  try {
    await postAuthentication(app, req.pool, req.client, user);
  } catch (e) {
    if (!(e instanceof ServiceError) || e.status >= 500) throw e;
    return sendErrorPage(r.res, 400, 'Sign-in refused', e.message);
  }
  if (!session || existing?.user.sub !== user.sub) {
    if (existing) await app.store.oauth.endLoginSession(existing.session.id, app.now(), false);
    const started = await startLoginSession(app, req.pool, user);
    session = started.session;
    cookies.push(loginCookie(app, started.cookie, LOGIN_SESSION_SECONDS));
  }
  redirect(r.res, await approve(app, req, session, user), cookies, 302);
}
