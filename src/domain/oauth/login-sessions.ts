/**
 * Managed-login browser sessions (Cognito's `cognito` cookie). A sign-in on the /login page starts one;
 * /oauth2/authorize then issues codes without asking again while it is alive; /logout ends it (as
 * Cognito does, the tokens already issued stay valid; with `logoutEndsGrants` every grant issued through
 * it ends in the same store transaction). Alive means: not ended, not past its hour,
 * the user still exists and is enabled, and — only with `globalSignOutEndsBrowserSessions` — the user
 * has not signed out globally since it began. The verdict comes from domain/sign-in-session.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { App } from '../app.ts';
import { randomString, sha256hex, uuid } from '../ids.ts';
import { judgeSignInSession } from '../sign-in-session.ts';
import type { PoolRecord, UserRecord } from '../types.ts';
import type { LoginSessionRecord } from './types.ts';

/** Cognito's managed-login session cookie lasts one hour. */
export const LOGIN_SESSION_SECONDS = 3600;

/** Starts a browser session for a user who just proved their password; returns the cookie value. */
export async function startLoginSession(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
): Promise<{ session: LoginSessionRecord; cookie: string }> {
  const now = app.now();
  const secret = randomString(43);
  const session: LoginSessionRecord = {
    id: uuid(),
    poolId: pool.id,
    sub: user.sub,
    browserHash: sha256hex(secret),
    generation: user.generation,
    authTime: now,
    createdAt: now,
    expiresAt: now + LOGIN_SESSION_SECONDS * 1000,
  };
  await app.store.oauth.insertLoginSession(session);
  return { session, cookie: `${session.id}.${secret}` };
}

/** The session id a cookie names (without checking it), for ending it. */
export function sessionIdOfCookie(cookie: string | undefined): { id: string; secret: string } | undefined {
  const m = cookie ? /^([0-9a-f-]{36})\.([A-Za-z0-9]{43})$/.exec(cookie) : null;
  return m ? { id: m[1] as string, secret: m[2] as string } : undefined;
}

/** Reads and checks a cookie's session: it must exist, match the cookie's secret and belong to `poolId`. */
async function sessionOfCookie(app: App, poolId: string, cookie: string | undefined): Promise<LoginSessionRecord | undefined> {
  const parsed = sessionIdOfCookie(cookie);
  if (!parsed) return undefined;
  const session = await app.store.oauth.getLoginSession(parsed.id);
  if (!session || session.poolId !== poolId) return undefined;
  const a = Buffer.from(session.browserHash, 'hex');
  const b = Buffer.from(sha256hex(parsed.secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? session : undefined;
}

/** The shared judge's verdict on a managed-login session and its user. */
function alive(app: App, session: LoginSessionRecord, user: UserRecord | undefined): boolean {
  const verdict = judgeSignInSession(session, app.now(), {
    exists: user?.enabled === true,
    signedOutSince: app.config.globalSignOutEndsBrowserSessions && user !== undefined && user.generation > session.generation,
  });
  return verdict === 'active';
}

/** The live session (and its user) behind a browser cookie for this pool; nothing for anything else. */
export async function liveLoginSession(
  app: App,
  pool: PoolRecord,
  cookie: string | undefined,
): Promise<{ session: LoginSessionRecord; user: UserRecord } | undefined> {
  const session = await sessionOfCookie(app, pool.id, cookie);
  if (!session) return undefined;
  const user = await app.store.users.getBySub(pool.id, session.sub);
  return alive(app, session, user) && user ? { session, user } : undefined;
}

/** Whether a session (named by an authorization code) is still alive when its code is redeemed. */
export async function loginSessionAlive(app: App, pool: PoolRecord, sessionId: string): Promise<UserRecord | undefined> {
  const session = await app.store.oauth.getLoginSession(sessionId);
  if (!session || session.poolId !== pool.id) return undefined;
  const user = await app.store.users.getBySub(pool.id, session.sub);
  return alive(app, session, user) ? user : undefined;
}

/**
 * /logout: ends the cookie's session of this pool, so the next authorization asks for credentials again.
 * Cognito's /logout clears only that session (the refresh tokens it issued stay valid until RevokeToken,
 * /oauth2/revoke or global sign-out); the explicit `logoutEndsGrants` option also ends every grant issued
 * through the session.
 */
export async function endLoginSessionOfCookie(app: App, pool: PoolRecord, cookie: string | undefined): Promise<boolean> {
  const session = await sessionOfCookie(app, pool.id, cookie);
  if (!session) return false;
  await app.store.oauth.endLoginSession(session.id, app.now(), app.config.logoutEndsGrants);
  return true;
}
