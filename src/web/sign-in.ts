/** The sign-in part every page shares: the form, the password check, and the session cookie it sets. */
import type { ServerResponse } from 'node:http';
import type { App } from '../domain/app.ts';
import { authenticateDirectoryUser } from '../domain/sso/directory.ts';
import { sessionFromCookie, startSignInSession } from '../domain/sso/session.ts';
import { recordSuccess, takeAttempt } from '../domain/sso/throttle.ts';
import type { SignInSession, SsoUser } from '../domain/sso/types.ts';
import type { RawRequest } from '../server/context.ts';
import { SESSION_COOKIE, readCookies, sessionCookie } from './cookies.ts';
import { field, hidden, sendErrorPage } from './html.ts';

/** The signed-in browser session, if the cookie names a live one (a tampered cookie names none). */
export function browserSession(r: RawRequest): Promise<{ session: SignInSession; user: SsoUser } | undefined> {
  return sessionFromCookie(r.ctx.app, readCookies(r.req).get(SESSION_COOKIE));
}

/** Username and password inputs. */
export function credentialFields(): string {
  return (
    field('username', 'Username', { autocomplete: 'username' }) +
    field('password', 'Password', { type: 'password', autocomplete: 'current-password' })
  );
}

/** A form posting to `action` with the CSRF token and extra hidden fields. */
export function form(action: string, csrf: string, hiddenFields: Record<string, string>, inner: string): string {
  const h = Object.entries(hiddenFields)
    .map(([k, v]) => hidden(k, v))
    .join('');
  return `<form method="post" action="${action}">${hidden('csrf', csrf)}${h}${inner}</form>`;
}

/** Why a sign-in form was refused. */
export interface SignInFailure {
  failed: 'password' | 'throttled';
}

/**
 * Checks the posted username and password (with the guessing brake); on success starts a sign-in
 * session and returns its cookie.
 */
export async function signInWithForm(
  app: App,
  posted: URLSearchParams,
): Promise<{ session: SignInSession; user: SsoUser; cookie: string } | SignInFailure> {
  const userName = posted.get('username') ?? '';
  if (!(await takeAttempt(app, userName))) return { failed: 'throttled' };
  const user = await authenticateDirectoryUser(app, userName, posted.get('password') ?? '');
  if (!user) return { failed: 'password' };
  await recordSuccess(app, userName);
  const { session, cookie } = await startSignInSession(app, user);
  const maxAge = Math.max(0, Math.floor((session.expiresAt - app.now()) / 1000));
  return { session, user, cookie: sessionCookie(app, cookie, maxAge) };
}

export const WRONG_PASSWORD = 'Incorrect username or password.';
export const THROTTLED = 'Too many failed sign-in attempts. Wait a few minutes, then try again.';

/** The page for a refused sign-in: 401 for a wrong password, 429 while the guessing brake holds. */
export function sendSignInFailure(res: ServerResponse, f: SignInFailure, back: string): void {
  if (f.failed === 'throttled') sendErrorPage(res, 429, 'Too many attempts', THROTTLED, back);
  else sendErrorPage(res, 401, 'Sign-in failed', WRONG_PASSWORD, back);
}
