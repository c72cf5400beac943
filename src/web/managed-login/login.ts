/**
 * The sign-in page: GET /login shows the form for an authorization request; POST /login checks the
 * CSRF token and the password and either approves the request, asks for a new password
 * (POST /forceChangePassword), or shows the form again with the reason.
 */
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import type { RawRequest, Route } from '../../server/context.ts';
import { csrfFor, csrfValid, readForm } from '../cookies.ts';
import { sendHtml } from '../html.ts';
import { finishSignIn } from './finish.ts';
import { sendMfaPrompt } from './mfa.ts';
import { form, input, links, message, page } from './layout.ts';
import { authorizeFields, authorizeRequestOf, queryOf, sendErrorPage } from './request.ts';
import { newPasswordStep, passwordStep } from './sign-in-steps.ts';

/** Whether the pool lets people sign themselves up (the page links to /signup only then). */
export function selfSignUp(req: AuthorizeRequest): boolean {
  return (req.pool.config.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)?.AllowAdminCreateUserOnly !== true;
}

/** Renders the sign-in form for the request whose parameters are `fields`. */
export function sendSignInForm(
  r: RawRequest,
  req: AuthorizeRequest,
  fields: Record<string, string>,
  opts: { status?: number; error?: string; note?: string; username?: string } = {},
): void {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  const q = queryOf(fields);
  const items: [string, string][] = [['/forgotPassword', 'Forgot your password?']];
  if (selfSignUp(req)) items.push(['/signup', 'Create an account']);
  const body =
    message('error', opts.error) +
    message('note', opts.note) +
    form(
      '/login',
      token,
      fields,
      input('username', 'Username', { autocomplete: 'username', value: opts.username ?? '' }) +
        input('password', 'Password', { type: 'password', autocomplete: 'current-password' }),
      'Sign in',
    ) +
    links(q, items);
  sendHtml(r.res, opts.status ?? 200, page('Sign in', body, req.client.name), cookies);
}

function sendNewPasswordForm(
  r: RawRequest,
  req: AuthorizeRequest,
  fields: Record<string, string>,
  session: string,
  error?: string,
  status = 200,
) {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  const body =
    message('note', 'Your password is temporary. Choose a new one to continue.') +
    message('error', error) +
    form(
      '/forceChangePassword',
      token,
      { ...fields, session },
      input('new_password', 'New password', { type: 'password', autocomplete: 'new-password' }),
      'Change password and sign in',
    );
  sendHtml(r.res, status, page('Change your password', body, req.client.name), cookies);
}

/** A posted form with a valid CSRF token, or undefined after answering 403. */
export function postedForm(r: RawRequest): URLSearchParams | undefined {
  const posted = readForm(r.body);
  if (!csrfValid(r.req, posted)) {
    sendErrorPage(
      r.res,
      403,
      'Form expired',
      'This form has expired or was sent from another site. Go back, reload the page and try again.',
    );
    return undefined;
  }
  return posted;
}

export const loginRoutes: Route[] = [
  {
    method: 'GET',
    path: '/login',
    handler: async (r) => {
      const req = await authorizeRequestOf(r, r.url.searchParams);
      if (req) sendSignInForm(r, req, authorizeFields(r.url.searchParams));
    },
  },
  {
    method: 'POST',
    path: '/login',
    handler: async (r) => {
      const posted = postedForm(r);
      if (!posted) return;
      const req = await authorizeRequestOf(r, posted);
      if (!req) return;
      const fields = authorizeFields(posted);
      const username = posted.get('username') ?? '';
      const step = await passwordStep(r.ctx.app, req.pool, req.client, username, posted.get('password') ?? '');
      if ('done' in step) return finishSignIn(r, req, step.done);
      if ('mfa' in step) return sendMfaPrompt(r, req, fields, step.mfa);
      if ('newPassword' in step) return sendNewPasswordForm(r, req, fields, step.newPassword);
      if ('unconfirmed' in step) {
        return sendSignInForm(r, req, fields, {
          status: 400,
          username,
          error: 'Your account is not confirmed yet. Use the code sent to you on the “Create an account” page, or ask an administrator.',
        });
      }
      return sendSignInForm(r, req, fields, { status: step.status, error: step.error, username });
    },
  },
  {
    method: 'POST',
    path: '/forceChangePassword',
    handler: async (r) => {
      const posted = postedForm(r);
      if (!posted) return;
      const req = await authorizeRequestOf(r, posted);
      if (!req) return;
      const fields = authorizeFields(posted);
      const session = posted.get('session') ?? '';
      const step = await newPasswordStep(r.ctx.app, req.pool, req.client, session, posted.get('new_password') ?? '');
      if ('done' in step) return finishSignIn(r, req, step.done);
      if ('mfa' in step) return sendMfaPrompt(r, req, fields, step.mfa);
      if ('error' in step && step.error.includes('session')) return sendSignInForm(r, req, fields, { status: 400, error: step.error });
      return sendNewPasswordForm(r, req, fields, session, 'error' in step ? step.error : undefined, 400);
    },
  },
];
