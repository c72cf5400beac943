/** Answers to auth challenges, shared by RespondToAuthChallenge and AdminRespondToAuthChallenge. */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { assertSecretHash, consumeChallengeSession } from '../../domain/auth.ts';
import { afterFirstFactor } from '../../domain/mfa/step.ts';
import { answerMfaCode, answerMfaSetup, answerSelectMfaType } from '../../domain/mfa/answer.ts';
import { answerDevicePasswordVerifier, answerDeviceSrpAuth } from '../../domain/mfa/device-srp.ts';
import { assertPasswordPolicy, makeVerifier } from '../../domain/passwords.ts';
import type { ClientRecord, PoolRecord } from '../../domain/types.ts';
import { setAttributes } from '../../domain/users.ts';
import { type AuthParams, requireParam } from './auth-flows.ts';
import { customChallengeRespond } from './custom-auth-flow.ts';
import { srpRespond } from './srp-flow.ts';
import { answerSelectChallenge, answerWebAuthnChallenge } from './user-auth-flow.ts';
import { checkAttributes, srpUserIdFor } from './user-input.ts';

async function newPasswordRequired(app: App, pool: PoolRecord, client: ClientRecord, responses: AuthParams, session?: string) {
  const username = requireParam(responses, 'USERNAME');
  const newPassword = requireParam(responses, 'NEW_PASSWORD');
  assertPasswordPolicy(pool, newPassword);
  assertSecretHash(app, client, [username], responses.SECRET_HASH);
  const attrs = Object.entries(responses)
    .filter(([k, v]) => k.startsWith('userAttributes.') && v !== undefined)
    .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v as string }));
  const checked = checkAttributes(pool, attrs, { allowImmutable: false });
  const state = await consumeChallengeSession(app, client, session, 'NEW_PASSWORD_REQUIRED');
  const user = await app.store.users.getBySub(pool.id, state.sub);
  if (!user || state.poolId !== pool.id) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  if (![user.username, user.sub].includes(username) && username.toLowerCase() !== user.username.toLowerCase()) {
    throw new NotAuthorizedException('Invalid session for the user.');
  }
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  const now = app.now();
  user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), newPassword);
  user.status = 'CONFIRMED';
  delete user.temporaryPasswordExpiresAt;
  setAttributes(user, checked);
  user.lastModifiedAt = now;
  // Written only once the sign-in's triggers agreed (or, with MFA, before its challenge).
  const commit = () => app.store.users.update(user);
  return afterFirstFactor(app, pool, client, user, { source: 'NewPasswordChallenge', commit });
}

export async function respondToChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: string,
  responses: AuthParams,
  session?: string,
): Promise<Record<string, unknown>> {
  switch (challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return newPasswordRequired(app, pool, client, responses, session);
    case 'CUSTOM_CHALLENGE':
      return customChallengeRespond(app, pool, client, responses, session);
    case 'PASSWORD_VERIFIER':
      return srpRespond(app, pool, client, responses, session);
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return answerMfaCode(app, pool, client, challenge, responses, session);
    case 'SELECT_MFA_TYPE':
      return answerSelectMfaType(app, pool, client, responses, session);
    case 'MFA_SETUP':
      return answerMfaSetup(app, pool, client, responses, session);
    case 'SELECT_CHALLENGE':
      return answerSelectChallenge(app, pool, client, responses, session);
    case 'WEB_AUTHN':
      return answerWebAuthnChallenge(app, pool, client, responses, session);
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrpAuth(app, pool, client, responses, session);
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDevicePasswordVerifier(app, pool, client, responses, session);
    default:
      throw new InvalidParameterException(`The challenge ${challenge} is not supported by Cognate yet.`);
  }
}
