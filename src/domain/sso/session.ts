/**
 * IAM Identity Center sign-in sessions: the unit of revocation. A session starts when a user signs in
 * on a Cognate page; every access and refresh token issued from it (device or PKCE approvals) and the
 * browser cookie point at it. Logout (portal API or portal page) ends it in one write, so every token of
 * the session fails at once. Every endpoint that accepts a Identity Center token or cookie asks
 * `judgeSession` through the functions below, which always read the store (restarts, worker processes).
 * Tokens are opaque random strings; only their SHA-256 is stored.
 */
import { timingSafeEqual } from 'node:crypto';
import type { App } from '../app.ts';
import { randomString, sha256hex, uuid } from '../ids.ts';
import type { SsoTokenState } from '../../store/port-sso.ts';
import { PortalUnauthorizedException } from './errors.ts';
import { ssoSettings } from './settings.ts';
import { type SessionVerdict, judgeSignInSession } from '../sign-in-session.ts';
import type { SignInSession, SsoToken, SsoUser } from './types.ts';

export type { SessionVerdict } from '../sign-in-session.ts';

/** Decides whether a sign-in session still counts (the shared judge of domain/sign-in-session.ts). */
export function judgeSession(session: SignInSession | undefined, userExists: boolean, now: number): SessionVerdict {
  return judgeSignInSession(session, now, { exists: userExists });
}

/**
 * THE check for Identity Center tokens: looks the token up by hash, joins its session and user, and
 * judges both. Returns the state only when the token is of the wanted kind, in date and its session active.
 */
export async function checkSsoToken(app: App, token: string, kind: SsoToken['kind']): Promise<SsoTokenState | undefined> {
  if (typeof token !== 'string' || token.length < 16 || token.length > 4096) return undefined;
  const state = await app.store.sso.tokenState(sha256hex(token));
  if (!state || state.token.kind !== kind) return undefined;
  const now = app.now();
  if (judgeSession(state.session, state.userExists, now) !== 'active') return undefined;
  if (state.token.expiresAt <= now) return undefined;
  return state;
}

/** The scope that grants the access portal's account operations (ListAccounts, GetRoleCredentials, …). */
export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access';

/**
 * Whether a token may call the portal's account operations: tokens of clients registered with scopes need
 * `sso:account:access` among them, as Identity Center documents; tokens of clients registered without
 * scopes (the AWS CLI's legacy `sso login`) carry the portal access that flow has always had.
 */
export function grantsAccountAccess(scopes: readonly string[]): boolean {
  return scopes.length === 0 || scopes.includes(ACCOUNT_ACCESS_SCOPE);
}

/**
 * The portal API's bearer check: 401 "Session token not found or invalid" for anything but a live token,
 * and for the account operations (`accountAccess`, the default) a token whose scopes do not grant them.
 */
export async function authenticatePortalToken(
  app: App,
  token: string | undefined,
  opts: { accountAccess: boolean } = { accountAccess: true },
): Promise<{ session: SignInSession; user: SsoUser }> {
  const state = token ? await checkSsoToken(app, token, 'access') : undefined;
  const user = state?.session ? await app.store.sso.userById(state.session.userId) : undefined;
  if (!state?.session || !user) throw new PortalUnauthorizedException();
  if (opts.accountAccess && !grantsAccountAccess(state.token.scopes)) throw new PortalUnauthorizedException();
  return { session: state.session, user };
}

/** Starts a sign-in session for a user who just proved their password; returns the cookie value. */
export async function startSignInSession(app: App, user: SsoUser): Promise<{ session: SignInSession; cookie: string }> {
  const now = app.now();
  const settings = await ssoSettings(app);
  const secret = randomString(43);
  const session: SignInSession = {
    id: uuid(),
    userId: user.id,
    browserHash: sha256hex(secret),
    createdAt: now,
    expiresAt: now + settings.sessionDuration * 1000,
  };
  await app.store.sso.insertSession(session);
  return { session, cookie: `${session.id}.${secret}` };
}

/** The live session behind a browser cookie; a tampered, unknown, ended or expired cookie gives nothing. */
export async function sessionFromCookie(
  app: App,
  cookie: string | undefined,
): Promise<{ session: SignInSession; user: SsoUser } | undefined> {
  const m = cookie ? /^([0-9a-f-]{36})\.([A-Za-z0-9]{43})$/.exec(cookie) : null;
  if (!m) return undefined;
  const session = await app.store.sso.getSession(m[1] as string);
  if (!session) return undefined;
  const a = Buffer.from(session.browserHash, 'hex');
  const b = Buffer.from(sha256hex(m[2] as string), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  const user = await app.store.sso.userById(session.userId);
  if (judgeSession(session, user !== undefined, app.now()) !== 'active' || !user) return undefined;
  return { session, user };
}

/** Whether a session (named by an authorization or code) is still active. */
export async function sessionIsActive(app: App, sessionId: string | undefined): Promise<boolean> {
  if (!sessionId) return false;
  const session = await app.store.sso.getSession(sessionId);
  const user = session ? await app.store.sso.userById(session.userId) : undefined;
  return judgeSession(session, user !== undefined, app.now()) === 'active';
}

/** Ends a sign-in session: its access tokens, refresh tokens and browser cookie all stop counting. */
export async function endSignInSession(app: App, sessionId: string): Promise<void> {
  await app.store.sso.endSession(sessionId, app.now());
}

export interface IssuedSsoTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

/**
 * Issues an access token (and a refresh token when asked) under a session. Lifetimes never outlast the
 * session. `aoa…`/`aor…` mirror the look of Identity Center's opaque tokens.
 */
export async function issueSsoTokens(
  app: App,
  sessionId: string,
  clientId: string,
  scopes: string[],
  withRefresh: boolean,
): Promise<IssuedSsoTokens> {
  const session = await app.store.sso.getSession(sessionId);
  if (!session) throw new Error('issueSsoTokens: no such session');
  const settings = await ssoSettings(app);
  const now = app.now();
  const accessExpires = Math.min(now + settings.accessTokenExpiresIn * 1000, session.expiresAt);
  const accessToken = `aoa${randomString(200)}`;
  await app.store.sso.insertToken({
    hash: sha256hex(accessToken),
    kind: 'access',
    sessionId,
    clientId,
    scopes,
    createdAt: now,
    expiresAt: accessExpires,
  });
  const out: IssuedSsoTokens = { accessToken, expiresIn: Math.max(1, Math.floor((accessExpires - now) / 1000)) };
  if (withRefresh) {
    const refreshToken = `aor${randomString(200)}`;
    await app.store.sso.insertToken({
      hash: sha256hex(refreshToken),
      kind: 'refresh',
      sessionId,
      clientId,
      scopes,
      createdAt: now,
      expiresAt: session.expiresAt,
    });
    out.refreshToken = refreshToken;
  }
  return out;
}
