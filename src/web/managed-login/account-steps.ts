/**
 * Sign-up, confirmation and password reset from the pages, through the same operations the API serves
 * (SignUp, ConfirmSignUp, ForgotPassword, ConfirmForgotPassword): the page computes SECRET_HASH for a
 * client with a secret, since the browser never holds the secret. Cognito's refusals become the page's
 * messages.
 */
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import { secretHashFor } from '../../domain/auth.ts';
import { clientSecret } from '../../domain/user-pools.ts';
import { ServiceError } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { confirmForgotPassword } from '../../services/cognito-idp/confirm-forgot-password.ts';
import { confirmSignUp } from '../../services/cognito-idp/confirm-sign-up.ts';
import { forgotPassword } from '../../services/cognito-idp/forgot-password.ts';
import { signUp } from '../../services/cognito-idp/sign-up.ts';

export type AccountResult<T> = { ok: T } | { error: string };

function secretHash(ctx: RequestContext, req: AuthorizeRequest, username: string): { SecretHash?: string } {
  const secret = clientSecret(ctx.app, req.client);
  return secret ? { SecretHash: secretHashFor(secret, username, req.client.id) } : {};
}

async function attempt<T>(fn: () => Promise<T>): Promise<AccountResult<T>> {
  try {
    return { ok: await fn() };
  } catch (e) {
    if (e instanceof ServiceError && e.status < 500) return { error: e.message };
    throw e;
  }
}

/** Whether the pool signs people in by e-mail address instead of a user name. */
export function emailIsUsername(req: AuthorizeRequest): boolean {
  return ((req.pool.config.UsernameAttributes as string[] | undefined) ?? []).includes('email');
}

export function pageSignUp(ctx: RequestContext, req: AuthorizeRequest, username: string, email: string, password: string) {
  const attrs = emailIsUsername(req) || !email ? [] : [{ Name: 'email', Value: email }];
  return attempt(() =>
    signUp(
      { ClientId: req.client.id, Username: username, Password: password, UserAttributes: attrs, ...secretHash(ctx, req, username) },
      ctx,
    ),
  );
}

export function pageConfirmSignUp(ctx: RequestContext, req: AuthorizeRequest, username: string, code: string) {
  return attempt(() =>
    confirmSignUp({ ClientId: req.client.id, Username: username, ConfirmationCode: code, ...secretHash(ctx, req, username) }, ctx),
  );
}

export function pageForgotPassword(ctx: RequestContext, req: AuthorizeRequest, username: string) {
  return attempt(() => forgotPassword({ ClientId: req.client.id, Username: username, ...secretHash(ctx, req, username) }, ctx));
}

export function pageConfirmForgotPassword(ctx: RequestContext, req: AuthorizeRequest, username: string, code: string, password: string) {
  return attempt(() =>
    confirmForgotPassword(
      { ClientId: req.client.id, Username: username, ConfirmationCode: code, Password: password, ...secretHash(ctx, req, username) },
      ctx,
    ),
  );
}
