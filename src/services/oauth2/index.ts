/** The user-pool OAuth 2.0 endpoints served on the main listener: token, userInfo, revoke. */
import type { Route } from '../../server/context.ts';
import { revokeRoutes } from './revoke.ts';
import { tokenRoutes } from './token.ts';
import { userInfoRoutes } from './userinfo.ts';

export const oauth2Routes: Route[] = [...tokenRoutes, ...userInfoRoutes, ...revokeRoutes];
