/**
 * Approving an authorization request for a signed-in browser session: a code (response_type=code) or
 * tokens in the fragment (response_type=token), on the registered redirect URI.
 */
import type { App } from '../app.ts';
import type { UserRecord } from '../types.ts';
import { type AuthorizeRequest, withParams } from './authorize-request.ts';
import { issueCode } from './codes.ts';
import { tokensForImplicit } from './oauth-tokens.ts';
import type { LoginSessionRecord } from './types.ts';

/** The URL to send the browser to once `session` approves `req`. */
export async function approve(app: App, req: AuthorizeRequest, session: LoginSessionRecord, user: UserRecord): Promise<string> {
  if (req.responseType === 'code') {
    const code = await issueCode(app, {
      poolId: req.pool.id,
      clientId: req.client.id,
      sub: user.sub,
      redirectUri: req.redirectUri,
      scopes: req.scopes,
      ...(req.nonce !== undefined ? { nonce: req.nonce } : {}),
      ...(req.codeChallenge !== undefined ? { codeChallenge: req.codeChallenge, codeChallengeMethod: req.codeChallengeMethod } : {}),
      loginSessionId: session.id,
      authTime: session.authTime,
    });
    return withParams(req.redirectUri, { code, state: req.state }, false);
  }
  const t = await tokensForImplicit(app, req.pool, req.client, user, req.scopes, session.id, req.nonce);
  return withParams(
    req.redirectUri,
    { access_token: t.access_token, id_token: t.id_token, token_type: t.token_type, expires_in: String(t.expires_in), state: req.state },
    true,
  );
}
