/**
 * The device verification page (`verificationUri`): enter or confirm the user code, sign in if needed,
 * approve or deny, then "you can close this window". Works without JavaScript.
 */
import { decideDevice, normalizeUserCode, pendingDevice } from '../domain/sso/oidc.ts';
import type { RawRequest, Route } from '../server/context.ts';
import { csrfFor, csrfValid, readForm } from './cookies.ts';
import { esc, field, layout, sendErrorPage, sendHtml } from './html.ts';
import { browserSession, credentialFields, form, sendSignInFailure, signInWithForm } from './sign-in.ts';

const BAD_CODE = 'The code you entered is not valid or has expired. Check the code shown by your device and try again.';
const BAD_FORM = 'This form has expired or did not come from this site. Go back, reload the page and try again.';

function confirmPage(r: RawRequest, csrf: string, userCode: string, userName: string, cookies: string[], status = 200): void {
  const body =
    `<p>Signed in as <strong>${esc(userName)}</strong>.</p><p>Confirm that this code matches the one shown by your device:</p>` +
    `<p class="code" id="user-code">${esc(userCode)}</p>` +
    form(
      '/device/confirm',
      csrf,
      { user_code: userCode },
      '<button type="submit" name="action" value="allow" id="allow">Allow</button><button type="submit" name="action" value="deny" id="deny">Deny</button>',
    );
  sendHtml(r.res, status, layout('Authorize request', body), cookies);
}

async function showDevicePage(r: RawRequest): Promise<void> {
  const { app } = r.ctx;
  const csrf = csrfFor(app, r.req);
  const typed = r.url.searchParams.get('user_code') ?? '';
  const signed = await browserSession(r);
  const d = typed ? await pendingDevice(app, typed) : undefined;
  if (signed && d) return confirmPage(r, csrf.token, d.userCode, signed.user.userName, csrf.cookies);
  const code = normalizeUserCode(typed) ?? typed;
  const inner =
    field('user_code', 'Code', { value: code }) + (signed ? '' : credentialFields()) + '<button type="submit" id="submit">Next</button>';
  const lead = signed
    ? `<p>Signed in as <strong>${esc(signed.user.userName)}</strong>. Enter the code shown by your device.</p>`
    : '<p>Enter the code shown by your device, then sign in.</p>';
  sendHtml(r.res, 200, layout('Authorize a device', lead + form('/device', csrf.token, {}, inner)), csrf.cookies);
}

async function submitCode(r: RawRequest): Promise<void> {
  const { app } = r.ctx;
  const posted = readForm(r.body);
  if (!csrfValid(r.req, posted)) return sendErrorPage(r.res, 403, 'Request refused', BAD_FORM, '/device');
  const typed = posted.get('user_code') ?? '';
  const back = `/device${normalizeUserCode(typed) ? `?user_code=${normalizeUserCode(typed)}` : ''}`;
  const d = await pendingDevice(app, typed);
  if (!d) return sendErrorPage(r.res, 400, 'Invalid code', BAD_CODE, '/device');
  let signed = await browserSession(r);
  const cookies: string[] = [];
  if (!signed) {
    const s = await signInWithForm(app, posted);
    if ('failed' in s) return sendSignInFailure(r.res, s, back);
    signed = s;
    cookies.push(s.cookie);
  }
  confirmPage(r, posted.get('csrf') as string, d.userCode, signed.user.userName, cookies);
}

async function confirm(r: RawRequest): Promise<void> {
  const { app } = r.ctx;
  const posted = readForm(r.body);
  if (!csrfValid(r.req, posted)) return sendErrorPage(r.res, 403, 'Request refused', BAD_FORM, '/device');
  const signed = await browserSession(r);
  const typed = posted.get('user_code') ?? '';
  if (!signed)
    return sendErrorPage(
      r.res,
      401,
      'Sign-in required',
      'Your sign-in has ended. Sign in again to continue.',
      `/device?user_code=${encodeURIComponent(typed)}`,
    );
  const d = await pendingDevice(app, typed);
  const allow = posted.get('action') === 'allow';
  if (!d || !(await decideDevice(app, d.userCode, allow, signed.session.id))) {
    return sendErrorPage(r.res, 400, 'Invalid code', BAD_CODE, '/device');
  }
  const title = allow ? 'Request approved' : 'Request denied';
  const text = allow
    ? 'Your device is now authorized. You can close this window and return to your device.'
    : 'The request was denied; the device will not get access. You can close this window.';
  sendHtml(r.res, 200, layout(title, `<p id="done">${esc(text)}</p>`));
}

export const deviceRoutes: Route[] = [
  { method: 'GET', path: '/device', handler: showDevicePage },
  { method: 'POST', path: '/device', handler: submitCode },
  { method: 'POST', path: '/device/confirm', handler: confirm },
];
