/**
 * The identity issuer's documents: `GET /identity/.well-known/jwks.json` (keys that sign GetOpenIdToken
 * tokens) and `GET /identity/.well-known/openid-configuration`.
 */
import { IDENTITY_ISSUER_PATH, identityDiscovery, identityJwks } from '../../domain/identity-pools/openid.ts';
import { sendJson } from '../../protocol/json11.ts';
import type { Route } from '../../server/context.ts';

export const identityWellKnownRoutes: Route[] = [
  {
    method: 'GET',
    path: `${IDENTITY_ISSUER_PATH}/.well-known/jwks.json`,
    handler: async ({ res, ctx }) => {
      res.setHeader('Cache-Control', 'public, max-age=3600');
      sendJson(res, 200, await identityJwks(ctx.app), 'application/json');
    },
  },
  {
    method: 'GET',
    path: `${IDENTITY_ISSUER_PATH}/.well-known/openid-configuration`,
    handler: async ({ res, ctx }) => sendJson(res, 200, identityDiscovery(ctx.app), 'application/json'),
  },
];
