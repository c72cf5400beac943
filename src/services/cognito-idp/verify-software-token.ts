/**
 * VerifySoftwareToken (unsigned): the user's first TOTP code proves the secret from AssociateSoftwareToken.
 * With an access token it becomes the user's secret; with an MFA_SETUP Session it also turns TOTP MFA on
 * and returns the Session that finishes the MFA_SETUP challenge.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { verifyForSession, verifyForUser } from '../../domain/mfa/totp-setup.ts';
import { signedInUser } from './token-user.ts';

export async function verifySoftwareToken(
  input: { AccessToken?: string; Session?: string; UserCode: string; FriendlyDeviceName?: string },
  { app }: RequestContext,
) {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) {
    throw new InvalidParameterException('Exactly one of AccessToken and Session must be given.');
  }
  if (input.AccessToken !== undefined) {
    const { user } = await signedInUser(app, input.AccessToken);
    return verifyForUser(app, user, input.UserCode, input.FriendlyDeviceName);
  }
  return verifyForSession(app, input.Session as string, input.UserCode, input.FriendlyDeviceName);
}
