/** The managed-login pages: /oauth2/authorize, /login (and its follow-ups), /signup, /forgotPassword, /logout. */
import type { Route } from '../../server/context.ts';
import { authorizeRoutes } from './authorize.ts';
import { forgotRoutes } from './forgot.ts';
import { loginRoutes } from './login.ts';
import { logoutRoutes } from './logout.ts';
import { mfaRoutes } from './mfa.ts';
import { signUpRoutes } from './signup.ts';

export const managedLoginRoutes: Route[] = [
  ...authorizeRoutes,
  ...loginRoutes,
  ...mfaRoutes,
  ...signUpRoutes,
  ...forgotRoutes,
  ...logoutRoutes,
];
