/**
 * The one place services are wired into the listener. Each service exports its JSON 1.1 operations or
 * REST routes; this file lists them.
 */
import type { App } from '../domain/app.ts';
import { cognitoIdpService } from '../services/cognito-idp/index.ts';
import { wellKnownRoutes } from '../services/cognito-idp/well-known.ts';
import { cognitoIdentityService, identityWellKnownRoutes } from '../services/cognito-identity/index.ts';
import { ssoPortalRoutes } from '../services/sso/index.ts';
import { ssoOidcRoutes } from '../services/sso-oidc/index.ts';
import { webRoutes } from '../web/index.ts';
import { managedLoginRoutes } from '../web/managed-login/index.ts';
import { oauth2Routes } from '../services/oauth2/index.ts';
import { applySeedFile, checkSeedFile } from '../config/seed.ts';
import { sendJson } from '../protocol/json11.ts';
import { ServiceError } from '../protocol/errors.ts';
import type { Routes } from './http.ts';
import type { Route } from './context.ts';

function systemRoutes(app: App): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/health',
      handler: async ({ res }) => sendJson(res, 200, { status: 'ok' }, 'application/json'),
    },
  ];
  routes.push({
    method: 'POST',
    path: '/_cognate/reset',
    handler: async ({ res }) => {
      if (!app.config.acceptAnyCredentials) {
        throw new ServiceError('AccessDeniedException', 'The reset endpoint exists only with --accept-any-credentials', 403);
      }
      await app.store.reset();
      app.keys.forgetAll();
      sendJson(res, 200, {}, 'application/json');
    },
  });
  return routes;
}

export function buildRoutes(app: App): Routes {
  checkSeedFile(app.config.seedFile); // before listening: a broken seed file stops the start cleanly
  return {
    json11: [cognitoIdpService, cognitoIdentityService],
    rest: [
      ...systemRoutes(app),
      ...wellKnownRoutes,
      ...identityWellKnownRoutes,
      ...ssoPortalRoutes,
      ...ssoOidcRoutes,
      ...webRoutes,
      ...managedLoginRoutes,
      ...oauth2Routes,
    ],
  };
}

/** Work done once the listener knows its URL (seed files, housekeeping timers). */
export async function runStartupHooks(app: App): Promise<void> {
  await applySeedFile(app, app.config.seedFile);
  // Identity Center housekeeping: drop authorizations, codes, tokens and sessions that ended a day ago or more.
  await app.store.sso.purgeExpired(app.now() - 86_400_000);
}
