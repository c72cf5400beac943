/**
 * Password reset pages: GET|POST /forgotPassword (user name) → a code is sent → POST
 * /confirmForgotPassword (code and new password) → back to the sign-in form.
 */
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import type { RawRequest, Route } from '../../server/context.ts';
import { csrfFor } from '../cookies.ts';
import { sendHtml } from '../html.ts';
import { pageConfirmForgotPassword, pageForgotPassword } from './account-steps.ts';
import { form, input, links, message, page } from './layout.ts';
import { postedForm, sendSignInForm } from './login.ts';
import { authorizeFields, authorizeRequestOf, queryOf } from './request.ts';

function sendForgotForm(r: RawRequest, req: AuthorizeRequest, fields: Record<string, string>, error?: string) {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  const body =
    message('error', error) +
    form('/forgotPassword', token, fields, input('username', 'Username', { autocomplete: 'username' }), 'Send reset code') +
    links(queryOf(fields), [['/login', 'Back to sign in']]);
  sendHtml(r.res, error ? 400 : 200, page('Reset your password', body, req.client.name), cookies);
}

function sendResetForm(
  r: RawRequest,
  req: AuthorizeRequest,
  fields: Record<string, string>,
  username: string,
  note?: string,
  error?: string,
) {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  const inner =
    input('code', 'Reset code', { autocomplete: 'one-time-code', inputmode: 'numeric', hint: note }) +
    input('new_password', 'New password', { type: 'password', autocomplete: 'new-password' });
  const body = message('error', error) + form('/confirmForgotPassword', token, { ...fields, username }, inner, 'Reset password');
  sendHtml(r.res, error ? 400 : 200, page('Choose a new password', body, req.client.name), cookies);
}

export const forgotRoutes: Route[] = [
  {
    method: 'GET',
    path: '/forgotPassword',
    handler: async (r) => {
      const req = await authorizeRequestOf(r, r.url.searchParams);
      if (req) sendForgotForm(r, req, authorizeFields(r.url.searchParams));
    },
  },
  {
    method: 'POST',
    path: '/forgotPassword',
    handler: async (r) => {
      const posted = postedForm(r);
      const req = posted && (await authorizeRequestOf(r, posted));
      if (!posted || !req) return;
      const fields = authorizeFields(posted);
      const username = posted.get('username') ?? '';
      const result = await pageForgotPassword(r.ctx, req, username);
      if ('error' in result) return sendForgotForm(r, req, fields, result.error);
      const d = result.ok.CodeDeliveryDetails as { Destination?: string } | undefined;
      sendResetForm(r, req, fields, username, `We sent a code to ${d?.Destination ?? 'you'}.`);
    },
  },
  {
    method: 'POST',
    path: '/confirmForgotPassword',
    handler: async (r) => {
      const posted = postedForm(r);
      const req = posted && (await authorizeRequestOf(r, posted));
      if (!posted || !req) return;
      const fields = authorizeFields(posted);
      const username = posted.get('username') ?? '';
      const result = await pageConfirmForgotPassword(
        r.ctx,
        req,
        username,
        (posted.get('code') ?? '').trim(),
        posted.get('new_password') ?? '',
      );
      if ('error' in result) return sendResetForm(r, req, fields, username, undefined, result.error);
      sendSignInForm(r, req, fields, { note: 'Your password was changed. Sign in with the new one.', username });
    },
  },
];
