/**
 * The passkey operations and GetUserAuthFactors, each authorised by the user's access token: who →
 * domain/mfa/passkeys (or first-factors) → the wire shape.
 */
import type { Json11Handler, RequestContext } from '../../server/context.ts';
import { availableChallenges } from '../../domain/mfa/first-factors.ts';
import { completeRegistration, deleteCredential, hasPasskey, listCredentials, startRegistration } from '../../domain/mfa/passkeys.ts';
import { userMfaShape } from '../../domain/mfa/user-mfa.ts';
import { signedInUser } from './token-user.ts';

type Input = Record<string, unknown>;

const startWebAuthnRegistration: Json11Handler = async (input: Input, { app }: RequestContext) => {
  const { pool, user } = await signedInUser(app, input.AccessToken as string);
  return startRegistration(app, pool, user);
};

const completeWebAuthnRegistration: Json11Handler = async (input: Input, { app }: RequestContext) => {
  const { pool, user } = await signedInUser(app, input.AccessToken as string);
  await completeRegistration(app, pool, user, input.Credential);
  return {};
};

const listWebAuthnCredentials: Json11Handler = async (input: Input, { app }: RequestContext) => {
  const { pool, user } = await signedInUser(app, input.AccessToken as string);
  return listCredentials(app, pool, user, input.MaxResults as number | undefined, input.NextToken as string | undefined);
};

const deleteWebAuthnCredential: Json11Handler = async (input: Input, { app }: RequestContext) => {
  const { pool, user } = await signedInUser(app, input.AccessToken as string);
  await deleteCredential(app, pool, user, input.CredentialId as string);
  return {};
};

/** GetUserAuthFactors: the MFA settings and the first factors the user can sign in with (USER_AUTH). */
const getUserAuthFactors: Json11Handler = async (input: Input, { app }: RequestContext) => {
  const { pool, user } = await signedInUser(app, input.AccessToken as string);
  const factors = availableChallenges(pool, user, await hasPasskey(app, pool, user)).filter((c) => c !== 'PASSWORD_SRP');
  const { MFAOptions, ...mfa } = userMfaShape(user);
  return { Username: user.username, ...mfa, ConfiguredUserAuthFactors: factors };
};

export const webAuthnOperations: Record<string, Json11Handler> = {
  StartWebAuthnRegistration: startWebAuthnRegistration,
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  GetUserAuthFactors: getUserAuthFactors,
};
