/** SetUserMFAPreference (unsigned, access token): who → apply the factor settings → save. */
import type { RequestContext } from '../../server/context.ts';
import { applyMfaPreference, type MfaPreferenceInput } from '../../domain/mfa/user-mfa.ts';
import { signedInUser } from './token-user.ts';

export async function setUserMfaPreference(input: MfaPreferenceInput & { AccessToken: string }, { app }: RequestContext) {
  const { user } = await signedInUser(app, input.AccessToken);
  applyMfaPreference(user, input);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
