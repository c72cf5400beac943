/**
 * What every managed-login page needs from a request: the domain its Host names, the authorization
 * request it carries (query or hidden fields), the browser's session cookie, and the error page.
 */
import type { ServerResponse } from 'node:http';
import type { App } from '../../domain/app.ts';
import { AUTHORIZE_PARAMS, type AuthorizeCheck, checkAuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import { domainFromHost } from '../../domain/oauth/domains.ts';
import type { DomainRecord } from '../../domain/oauth/types.ts';
import type { RawRequest } from '../../server/context.ts';
import { readCookies } from '../cookies.ts';
import { esc, redirect, sendHtml } from '../html.ts';
import { page } from './layout.ts';

/** Cognito's managed-login session cookie. */
export const LOGIN_COOKIE = 'cognito';

function cookieAttributes(app: App, maxAgeS: number): string {
  const secure = app.publicUrl.startsWith('https:') ? '; Secure' : '';
  return `; Path=/; HttpOnly; SameSite=Lax${secure}; Max-Age=${maxAgeS}`;
}

export const loginCookie = (app: App, value: string, maxAgeS: number) => `${LOGIN_COOKIE}=${value}${cookieAttributes(app, maxAgeS)}`;
export const clearLoginCookie = (app: App) => `${LOGIN_COOKIE}=${cookieAttributes(app, 0)}`;
export const loginCookieOf = (r: RawRequest) => readCookies(r.req).get(LOGIN_COOKIE);

/**
 * The configured domain the Host header names. A Host that looks like a user pool domain
 * (`*.auth.localhost`, `*.amazoncognito.com`) but names none is refused with 404.
 */
export async function hostDomain(r: RawRequest): Promise<{ domain?: DomainRecord; unknown: boolean }> {
  const host = r.req.headers.host;
  const domain = await domainFromHost(r.ctx.app, host);
  if (domain) return { domain, unknown: false };
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  return { unknown: /\.auth\.localhost$/.test(name) || /\.amazoncognito\.com$/.test(name) };
}

/** The authorization request's parameters out of a query string or a posted form. */
export function authorizeFields(from: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of AUTHORIZE_PARAMS) {
    const v = from.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

export const queryOf = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The error page: what went wrong, on Cognate's own origin, never a redirect. */
export function sendErrorPage(res: ServerResponse, status: number, title: string, text: string): void {
  sendHtml(res, status, page(title, `<p class="error" role="alert">${esc(text)}</p>`));
}

/** Checks the authorization request of a page request; answers the browser itself when it is refused. */
export async function authorizeRequestOf(
  r: RawRequest,
  from: URLSearchParams,
): Promise<Extract<AuthorizeCheck, { ok: true }>['req'] | undefined> {
  const host = await hostDomain(r);
  if (host.unknown) {
    sendErrorPage(r.res, 404, 'Unknown domain', 'No user pool uses this domain.');
    return undefined;
  }
  const check = await checkAuthorizeRequest(r.ctx.app, from, host.domain);
  if (check.ok) return check.req;
  if ('page' in check) sendErrorPage(r.res, check.page.status, check.page.title, check.page.message);
  else redirect(r.res, check.redirect, [], 302);
  return undefined;
}
