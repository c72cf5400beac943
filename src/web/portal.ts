/**
 * The access portal at the start URL's path (`/start`): sign in, see your accounts and the roles you
 * may use in each, sign out (which ends the sign-in session and every token issued from it).
 */
import type { App } from '../domain/app.ts';
import { endSignInSession } from '../domain/sso/session.ts';
import type { SsoUser } from '../domain/sso/types.ts';
import type { RawRequest, Route } from '../server/context.ts';
import { clearSessionCookie, csrfFor, csrfValid, readForm } from './cookies.ts';
import { esc, layout, redirect, sendErrorPage, sendHtml } from './html.ts';
import { browserSession, credentialFields, form, sendSignInFailure, signInWithForm } from './sign-in.ts';

export const PORTAL_PATH = '/start';

async function assignmentsTable(app: App, user: SsoUser): Promise<string> {
  const rows: string[] = [];
  let after: string | undefined;
  do {
    const page = await app.store.sso.accountsOf(user.id, 100, after);
    for (const a of page.items) {
      const roles: string[] = [];
      let rAfter: string | undefined;
      do {
        const rp = await app.store.sso.rolesOf(user.id, a.accountId, 100, rAfter);
        roles.push(...rp.items.map((p) => p.name));
        rAfter = rp.next;
      } while (rAfter);
      rows.push(
        `<tr class="account"><td>${esc(a.accountName)}</td><td>${esc(a.accountId)}</td><td>${esc(a.emailAddress)}</td><td>${roles
          .map((r) => `<span class="role">${esc(r)}</span>`)
          .join(', ')}</td></tr>`,
      );
    }
    after = page.next;
  } while (after);
  if (rows.length === 0) return '<p id="no-accounts">You have no account assignments.</p>';
  return `<table id="accounts"><tr><th>Account</th><th>Id</th><th>E-mail</th><th>Roles</th></tr>${rows.join('')}</table>`;
}

async function show(r: RawRequest): Promise<void> {
  const { app } = r.ctx;
  const csrf = csrfFor(app, r.req);
  const signed = await browserSession(r);
  if (!signed) {
    const inner = `<p id="sign-in-prompt">Sign in to see your accounts.</p>${credentialFields()}<button type="submit" id="submit">Sign in</button>`;
    return sendHtml(r.res, 200, layout('AWS access portal', form(PORTAL_PATH, csrf.token, {}, inner)), csrf.cookies);
  }
  const body =
    `<p>Signed in as <strong id="user">${esc(signed.user.userName)}</strong>.</p>${await assignmentsTable(app, signed.user)}` +
    form(`${PORTAL_PATH}/logout`, csrf.token, {}, '<p><button type="submit" id="sign-out">Sign out</button></p>');
  sendHtml(r.res, 200, layout('AWS access portal', body), csrf.cookies);
}

async function signIn(r: RawRequest): Promise<void> {
  const posted = readForm(r.body);
  if (!csrfValid(r.req, posted))
    return sendErrorPage(r.res, 403, 'Request refused', 'This form has expired or did not come from this site.', PORTAL_PATH);
  const s = await signInWithForm(r.ctx.app, posted);
  if ('failed' in s) return sendSignInFailure(r.res, s, PORTAL_PATH);
  redirect(r.res, PORTAL_PATH, [s.cookie]);
}

async function signOut(r: RawRequest): Promise<void> {
  const posted = readForm(r.body);
  if (!csrfValid(r.req, posted))
    return sendErrorPage(r.res, 403, 'Request refused', 'This form has expired or did not come from this site.', PORTAL_PATH);
  const signed = await browserSession(r);
  if (signed) await endSignInSession(r.ctx.app, signed.session.id);
  redirect(r.res, PORTAL_PATH, [clearSessionCookie(r.ctx.app)]);
}

export const portalRoutes: Route[] = [
  { method: 'GET', path: PORTAL_PATH, handler: show },
  { method: 'POST', path: PORTAL_PATH, handler: signIn },
  { method: 'POST', path: `${PORTAL_PATH}/logout`, handler: signOut },
];
