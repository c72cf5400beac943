/** Logout: bearer → session → end the session (its tokens and browser cookie stop; role credentials do not). */
import { authenticatePortalToken, endSignInSession } from '../../domain/sso/session.ts';
import type { RawRequest } from '../../server/context.ts';
import { bearerToken } from './request.ts';

export async function logout(r: RawRequest) {
  const { session } = await authenticatePortalToken(r.ctx.app, bearerToken(r), { accountAccess: false });
  await endSignInSession(r.ctx.app, session.id);
  return {};
}
