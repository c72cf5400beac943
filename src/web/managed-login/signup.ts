/**
 * Self sign-up pages: GET|POST /signup (user name, e-mail, password) → the confirmation code form
 * (POST /confirmUser) → back to the sign-in form. Each post checks CSRF and the authorization request.
 */
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import type { RawRequest, Route } from '../../server/context.ts';
import { csrfFor } from '../cookies.ts';
import { sendHtml } from '../html.ts';
import { emailIsUsername, pageConfirmSignUp, pageSignUp } from './account-steps.ts';
import { form, input, links, message, page } from './layout.ts';
import { postedForm, selfSignUp, sendSignInForm } from './login.ts';
import { authorizeFields, authorizeRequestOf, queryOf, sendErrorPage } from './request.ts';

function sendSignUpForm(
  r: RawRequest,
  req: AuthorizeRequest,
  fields: Record<string, string>,
  error?: string,
  values: Record<string, string> = {},
) {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  const byEmail = emailIsUsername(req);
  const inner =
    (byEmail
      ? input('username', 'Email address', { type: 'email', autocomplete: 'email', value: values.username ?? '' })
      : input('username', 'Username', { autocomplete: 'username', value: values.username ?? '' }) +
        input('email', 'Email address', { type: 'email', autocomplete: 'email', value: values.email ?? '' })) +
    input('password', 'Password', { type: 'password', autocomplete: 'new-password' });
  const body =
    message('error', error) +
    form('/signup', token, fields, inner, 'Create account') +
    links(queryOf(fields), [['/login', 'Already have an account? Sign in']]);
  sendHtml(r.res, error ? 400 : 200, page('Create an account', body, req.client.name), cookies);
}

function sendConfirmForm(
  r: RawRequest,
  req: AuthorizeRequest,
  fields: Record<string, string>,
  username: string,
  note?: string,
  error?: string,
) {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  const inner = input('code', 'Confirmation code', { autocomplete: 'one-time-code', inputmode: 'numeric', hint: note });
  const body = message('error', error) + form('/confirmUser', token, { ...fields, username }, inner, 'Confirm account');
  sendHtml(r.res, error ? 400 : 200, page('Confirm your account', body, req.client.name), cookies);
}

/** Sign-up is for pools that allow it; others answer 403 with why. */
async function signUpRequest(r: RawRequest, from: URLSearchParams): Promise<AuthorizeRequest | undefined> {
  const req = await authorizeRequestOf(r, from);
  if (req && !selfSignUp(req)) {
    sendErrorPage(r.res, 403, 'Sign-up unavailable', 'This user pool does not let people create their own accounts.');
    return undefined;
  }
  return req;
}

export const signUpRoutes: Route[] = [
  {
    method: 'GET',
    path: '/signup',
    handler: async (r) => {
      const req = await signUpRequest(r, r.url.searchParams);
      if (req) sendSignUpForm(r, req, authorizeFields(r.url.searchParams));
    },
  },
  {
    method: 'POST',
    path: '/signup',
    handler: async (r) => {
      const posted = postedForm(r);
      const req = posted && (await signUpRequest(r, posted));
      if (!posted || !req) return;
      const fields = authorizeFields(posted);
      const values = { username: posted.get('username') ?? '', email: posted.get('email') ?? '' };
      const result = await pageSignUp(r.ctx, req, values.username, values.email, posted.get('password') ?? '');
      if ('error' in result) return sendSignUpForm(r, req, fields, result.error, values);
      const d = result.ok.CodeDeliveryDetails as { Destination?: string } | undefined;
      if (!d)
        return sendSignInForm(r, req, fields, {
          note: 'Your account was created. An administrator must confirm it before you can sign in.',
        });
      sendConfirmForm(r, req, fields, values.username, `We sent a code to ${d.Destination ?? 'you'}.`);
    },
  },
  {
    method: 'POST',
    path: '/confirmUser',
    handler: async (r) => {
      const posted = postedForm(r);
      const req = posted && (await signUpRequest(r, posted));
      if (!posted || !req) return;
      const fields = authorizeFields(posted);
      const username = posted.get('username') ?? '';
      const result = await pageConfirmSignUp(r.ctx, req, username, (posted.get('code') ?? '').trim());
      if ('error' in result) return sendConfirmForm(r, req, fields, username, undefined, result.error);
      sendSignInForm(r, req, fields, { note: 'Your account is confirmed. Sign in to continue.', username });
    },
  },
];
