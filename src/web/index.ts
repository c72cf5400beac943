/** The Identity Center pages: device verification, the OIDC authorize page, and the access portal. */
import type { Route } from '../server/context.ts';
import { authorizeRoutes } from './authorize.ts';
import { deviceRoutes } from './device.ts';
import { portalRoutes } from './portal.ts';

export const webRoutes: Route[] = [...deviceRoutes, ...authorizeRoutes, ...portalRoutes];
