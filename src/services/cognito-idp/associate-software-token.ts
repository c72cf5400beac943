/**
 * AssociateSoftwareToken (unsigned): with an access token, a new TOTP secret for the signed-in user; with
 * the Session of an MFA_SETUP challenge, a secret for the user signing in and the next Session.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { associateForSession, associateForUser } from '../../domain/mfa/totp-setup.ts';
import { signedInUser } from './token-user.ts';

export async function associateSoftwareToken(input: { AccessToken?: string; Session?: string }, { app }: RequestContext) {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) {
    throw new InvalidParameterException('Exactly one of AccessToken and Session must be given.');
  }
  if (input.AccessToken !== undefined) {
    const { user } = await signedInUser(app, input.AccessToken);
    return associateForUser(app, user);
  }
  return associateForSession(app, input.Session as string);
}
