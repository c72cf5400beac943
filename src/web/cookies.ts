/**
 * Browser state for the pages: the sign-in session cookie (HttpOnly, SameSite=Lax, Secure on https)
 * and CSRF protection by double submit — a random cookie echoed in a hidden field of every form. A
 * cross-site page can neither read the cookie nor set it, so it cannot produce a matching pair.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { App } from '../domain/app.ts';
import { randomString } from '../domain/ids.ts';

export const SESSION_COOKIE = 'cognate_sso_session';
export const CSRF_COOKIE = 'cognate_csrf';

export function readCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

function attributes(app: App, maxAgeS: number | undefined): string {
  const secure = app.publicUrl.startsWith('https:') ? '; Secure' : '';
  const age = maxAgeS === undefined ? '' : `; Max-Age=${maxAgeS}`;
  return `; Path=/; HttpOnly; SameSite=Lax${secure}${age}`;
}

export function sessionCookie(app: App, value: string, maxAgeS: number): string {
  return `${SESSION_COOKIE}=${value}${attributes(app, maxAgeS)}`;
}

export function clearSessionCookie(app: App): string {
  return `${SESSION_COOKIE}=${attributes(app, 0)}`;
}

/** The CSRF token to put in forms, and the Set-Cookie line when the browser has none yet. */
export function csrfFor(app: App, req: IncomingMessage): { token: string; cookies: string[] } {
  const have = readCookies(req).get(CSRF_COOKIE);
  if (have && /^[A-Za-z0-9]{32}$/.test(have)) return { token: have, cookies: [] };
  const token = randomString(32);
  return { token, cookies: [`${CSRF_COOKIE}=${token}${attributes(app, undefined)}`] };
}

/** Whether a posted form carries the CSRF token its browser's cookie holds. */
export function csrfValid(req: IncomingMessage, form: URLSearchParams): boolean {
  const cookie = readCookies(req).get(CSRF_COOKIE) ?? '';
  const posted = form.get('csrf') ?? '';
  if (cookie.length !== 32 || posted.length !== 32) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(posted));
}

/** Reads an application/x-www-form-urlencoded body. */
export function readForm(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}
