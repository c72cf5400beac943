/**
 * The end of every successful page sign-in: the browser's managed-login session (kept when the same
 * user signs in again, replaced — and the old one ended — when another user does), its cookie, and the
 * redirect that approves the authorization request.
 */
import { approve } from '../../domain/oauth/approve.ts';
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import { LOGIN_SESSION_SECONDS, liveLoginSession, startLoginSession } from '../../domain/oauth/login-sessions.ts';
import type { UserRecord } from '../../domain/types.ts';
import type { RawRequest } from '../../server/context.ts';
import { redirect } from '../html.ts';
import { loginCookie, loginCookieOf } from './request.ts';

export async function finishSignIn(r: RawRequest, req: AuthorizeRequest, user: UserRecord): Promise<void> {
  const app = r.ctx.app;
  const existing = await liveLoginSession(app, req.pool, loginCookieOf(r));
  const cookies: string[] = [];
  let session = existing?.session;
  if (!session || existing?.user.sub !== user.sub) {
    if (existing) await app.store.oauth.endLoginSession(existing.session.id, app.now());
    const started = await startLoginSession(app, req.pool, user);
    session = started.session;
    cookies.push(loginCookie(app, started.cookie, LOGIN_SESSION_SECONDS));
  }
  redirect(r.res, await approve(app, req, session, user), cookies, 302);
}
