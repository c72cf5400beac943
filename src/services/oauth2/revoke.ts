/**
 * POST /oauth2/revoke: authenticate the client → the token is one of its refresh tokens → revoke its
 * grant (domain/revocation.ts), which ends the refresh token and every access and ID token issued from
 * it, wherever they are presented. 200 with an empty body, as Cognito answers; an access or ID token is
 * unsupported_token_type; a token of another client is unauthorized_client; an unknown one changes nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import { revokeGrant } from '../../domain/revocation.ts';
import { parseRefreshToken } from '../../domain/tokens.ts';
import { revocationEnabled } from '../../domain/user-pools.ts';
import type { Route } from '../../server/context.ts';
import { authenticateClient, oauthForm } from './client-auth.ts';
import { OAuthError, sendOAuthError } from './oauth-errors.ts';

export const revokeRoutes: Route[] = [
  {
    method: 'POST',
    path: '/oauth2/revoke',
    handler: async ({ req, res, body, ctx }) => {
      const app = ctx.app;
      try {
        const form = oauthForm(req, body);
        const token = form.get('token');
        if (!token) throw new OAuthError('invalid_request');
        const { client } = await authenticateClient(app, req, form);
        if (!revocationEnabled(client)) throw new OAuthError('unsupported_token_type');
        const parsed = parseRefreshToken(token);
        if (!parsed) {
          if (token.split('.').length === 3) throw new OAuthError('unsupported_token_type');
          throw new OAuthError('invalid_request');
        }
        const state = await app.store.grants.state(parsed.grantId);
        const a = Buffer.from(state?.grant.refreshHash ?? '', 'hex');
        const b = Buffer.from(parsed.secretHash, 'hex');
        if (state && a.length === b.length && timingSafeEqual(a, b)) {
          if (state.grant.clientId !== client.id) throw new OAuthError('unauthorized_client');
          await revokeGrant(app, state.grant.id);
        }
        res.writeHead(200, { 'Content-Length': 0, 'Cache-Control': 'no-store' });
        res.end();
      } catch (e) {
        if (e instanceof OAuthError) return sendOAuthError(res, e);
        throw e;
      }
    },
  },
];
