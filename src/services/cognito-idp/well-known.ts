/** A pool's JWKS and OpenID discovery document, at /{poolId}/.well-known/… as Cognito serves them. */
import { sendJson } from '../../protocol/json11.ts';
import { ServiceError } from '../../protocol/errors.ts';
import type { Route } from '../../server/context.ts';

const POOL = '(?<poolId>[\\w-]+_[0-9a-zA-Z]+)';

export const wellKnownRoutes: Route[] = [
  {
    method: 'GET',
    path: new RegExp(`^/${POOL}/\\.well-known/jwks\\.json$`),
    handler: async ({ res, params, ctx }) => {
      const pool = await ctx.app.store.pools.get(params.poolId ?? '');
      if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${params.poolId} does not exist.`, 404);
      res.setHeader('Cache-Control', 'public, max-age=3600');
      sendJson(res, 200, await ctx.app.keys.jwks(pool.id), 'application/json');
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/${POOL}/\\.well-known/openid-configuration$`),
    handler: async ({ res, params, ctx }) => {
      const pool = await ctx.app.store.pools.get(params.poolId ?? '');
      if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${params.poolId} does not exist.`, 404);
      const iss = ctx.app.issuer(pool.id);
      const base = `${ctx.app.publicUrl}/${pool.id}`;
      sendJson(
        res,
        200,
        {
          issuer: iss,
          // The managed-login endpoints are served on the main listener for every pool.
          authorization_endpoint: `${ctx.app.publicUrl}/oauth2/authorize`,
          token_endpoint: `${ctx.app.publicUrl}/oauth2/token`,
          userinfo_endpoint: `${ctx.app.publicUrl}/oauth2/userInfo`,
          revocation_endpoint: `${ctx.app.publicUrl}/oauth2/revoke`,
          end_session_endpoint: `${ctx.app.publicUrl}/logout`,
          jwks_uri: `${base}/.well-known/jwks.json`,
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'token'],
          scopes_supported: ['openid', 'email', 'phone', 'profile'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
          code_challenge_methods_supported: ['S256', 'plain'],
          claims_supported: ['sub', 'iss', 'aud', 'token_use', 'auth_time', 'exp', 'iat', 'email', 'email_verified', 'cognito:username'],
        },
        'application/json',
      );
    },
  },
];
