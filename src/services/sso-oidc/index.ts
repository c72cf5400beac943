/** sso-oidc (REST-JSON): RegisterClient, StartDeviceAuthorization, CreateToken. The /authorize page is in src/web. */
import type { Route } from '../../server/context.ts';
import { oidcRoute } from './body.ts';
import { createToken } from './create-token.ts';
import { registerClient } from './register-client.ts';
import { startDeviceAuthorization } from './start-device-authorization.ts';

export const ssoOidcRoutes: Route[] = [
  oidcRoute('/client/register', registerClient),
  oidcRoute('/device_authorization', startDeviceAuthorization),
  oidcRoute('/token', createToken),
];
