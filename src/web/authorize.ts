/**
 * The OIDC authorize page for the authorization code + PKCE flow (AWS CLI v2's default `sso login`):
 * `GET /authorize?response_type=code&client_id&redirect_uri&state&code_challenge_method=S256&scopes&code_challenge`
 * (note `scopes`, not `scope`). Sign in, allow or deny, then back to the client's loopback redirect URI
 * with `code` and `state`. An unknown client or unregistered redirect URI gets an error page, never a redirect.
 */
import type { App } from '../domain/app.ts';
import { issueAuthorizationCode, redirectUriAllowed, redirectUriPermitted } from '../domain/sso/oidc.ts';
import { ssoSettings } from '../domain/sso/settings.ts';
import type { OidcClient } from '../domain/sso/types.ts';
import type { RawRequest, Route } from '../server/context.ts';
import { csrfFor, csrfValid, readForm } from './cookies.ts';
import { esc, layout, redirect, sendErrorPage, sendHtml } from './html.ts';
import { browserSession, credentialFields, form, sendSignInFailure, signInWithForm } from './sign-in.ts';

const PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge_method', 'scopes', 'code_challenge'] as const;
type Params = Record<(typeof PARAMS)[number], string>;

function readParams(src: URLSearchParams): Params {
  const p = {} as Params;
  for (const k of PARAMS) p[k] = src.get(k) ?? '';
  return p;
}

function backTo(p: Params, extra: Record<string, string>): string {
  const u = new URL(p.redirect_uri);
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
  if (p.state) u.searchParams.set('state', p.state);
  return u.toString();
}

type Checked = { ok: true; client: OidcClient; scopes: string[] } | { ok: false; page?: string; redirectError?: string };

/** Validates the request; errors before the redirect URI is trusted become pages, later ones redirects. */
async function check(app: App, p: Params): Promise<Checked> {
  const client = p.client_id ? await app.store.sso.getClient(p.client_id) : undefined;
  if (!client || client.expiresAt <= app.now()) return { ok: false, page: 'The application that sent you here is not registered.' };
  if (!client.grantTypes.includes('authorization_code')) return { ok: false, page: 'The application may not use this sign-in flow.' };
  // Registered and still permitted (loopback, or listed in the seed file now): only then may errors redirect.
  if (
    !p.redirect_uri ||
    !redirectUriAllowed(client.redirectUris, p.redirect_uri) ||
    !redirectUriPermitted((await ssoSettings(app)).redirectUris, p.redirect_uri)
  ) {
    return { ok: false, page: 'The redirect URI is not registered for this application.' };
  }
  if (p.response_type !== 'code') return { ok: false, redirectError: 'unsupported_response_type' };
  if (p.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge))
    return { ok: false, redirectError: 'invalid_request' };
  const scopes = p.scopes ? p.scopes.split(' ').filter(Boolean) : client.scopes;
  if (scopes.some((s) => !client.scopes.includes(s))) return { ok: false, redirectError: 'invalid_scope' };
  return { ok: true, client, scopes };
}

function consentPage(r: RawRequest, csrf: string, p: Params, client: OidcClient, userName: string, cookies: string[]): void {
  const body =
    `<p>Signed in as <strong>${esc(userName)}</strong>.</p><p>Allow <strong>${esc(client.name)}</strong> to access your data?</p>` +
    form(
      '/authorize',
      csrf,
      p,
      '<button type="submit" name="decision" value="allow" id="allow">Allow access</button><button type="submit" name="decision" value="deny" id="deny">Deny</button>',
    );
  sendHtml(r.res, 200, layout('Allow access', body), cookies);
}

async function show(r: RawRequest): Promise<void> {
  const { app } = r.ctx;
  const p = readParams(r.url.searchParams);
  const c = await check(app, p);
  if (!c.ok) {
    if (c.page) return sendErrorPage(r.res, 400, 'Invalid request', c.page);
    return redirect(r.res, backTo(p, { error: c.redirectError as string }), [], 302);
  }
  const csrf = csrfFor(app, r.req);
  const signed = await browserSession(r);
  if (signed) return consentPage(r, csrf.token, p, c.client, signed.user.userName, csrf.cookies);
  const inner = `<p>Sign in to continue to <strong>${esc(c.client.name)}</strong>.</p>${credentialFields()}<button type="submit" id="submit">Sign in</button>`;
  sendHtml(r.res, 200, layout('Sign in', form('/authorize', csrf.token, p, inner)), csrf.cookies);
}

async function submit(r: RawRequest): Promise<void> {
  const { app } = r.ctx;
  const posted = readForm(r.body);
  const p = readParams(posted);
  const retry = `/authorize?${new URLSearchParams(p).toString()}`;
  if (!csrfValid(r.req, posted))
    return sendErrorPage(r.res, 403, 'Request refused', 'This form has expired or did not come from this site.', retry);
  const c = await check(app, p);
  if (!c.ok) {
    if (c.page) return sendErrorPage(r.res, 400, 'Invalid request', c.page);
    return redirect(r.res, backTo(p, { error: c.redirectError as string }), [], 302);
  }
  let signed = await browserSession(r);
  const decision = posted.get('decision');
  if (!signed || !decision) {
    if (!signed) {
      const s = await signInWithForm(app, posted);
      if ('failed' in s) return sendSignInFailure(r.res, s, retry);
      signed = s;
      return consentPage(r, posted.get('csrf') as string, p, c.client, signed.user.userName, [s.cookie]);
    }
    return consentPage(r, posted.get('csrf') as string, p, c.client, signed.user.userName, []);
  }
  if (decision !== 'allow') return redirect(r.res, backTo(p, { error: 'access_denied' }), [], 302);
  const code = await issueAuthorizationCode(app, {
    clientId: c.client.id,
    redirectUri: p.redirect_uri,
    codeChallenge: p.code_challenge,
    sessionId: signed.session.id,
    scopes: c.scopes,
  });
  redirect(r.res, backTo(p, { code }), [], 302);
}

export const authorizeRoutes: Route[] = [
  { method: 'GET', path: '/authorize', handler: show },
  { method: 'POST', path: '/authorize', handler: submit },
];
