/** SetUserSettings (unsigned, access token; legacy): who → MFAOptions turn SMS MFA on or off → save. */
import type { RequestContext } from '../../server/context.ts';
import { applyLegacyMfaOptions } from '../../domain/mfa/user-mfa.ts';
import { signedInUser } from './token-user.ts';

export async function setUserSettings(
  input: { AccessToken: string; MFAOptions: { DeliveryMedium?: string; AttributeName?: string }[] },
  { app }: RequestContext,
) {
  const { user } = await signedInUser(app, input.AccessToken);
  applyLegacyMfaOptions(user, input.MFAOptions);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
