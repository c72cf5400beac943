/**
 * AuthFlow USER_AUTH (choice-based sign-in) for InitiateAuth and AdminInitiateAuth, and its
 * SELECT_CHALLENGE answer. The user picks a first factor — PREFERRED_CHALLENGE up front, or ANSWER to
 * SELECT_CHALLENGE (whose AvailableChallenges lists what this user can use) — and the chosen factor runs
 * as its own flow: PASSWORD as USER_PASSWORD_AUTH, PASSWORD_SRP as USER_SRP_AUTH (both followed by MFA as
 * usual), EMAIL_OTP / SMS_OTP as a one-time code that is the whole sign-in. With PreventUserExistenceErrors,
 * an unknown user name gets the same steps from a decoy (domain/mfa/first-factor-decoy) that never signs in.
 */
import { InvalidParameterException, UserNotConfirmedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { assertCanSignIn, assertSecretHash, hidesUserExistence, userMissing } from '../../domain/auth.ts';
import { required, sessionUser } from '../../domain/mfa/answer.ts';
import {
  type Decoy,
  decoyChoices,
  decoyCodeChallenge,
  decoyFor,
  decoySelectChallenge,
  decoyWebAuthnChallenge,
  isDecoySession,
  openDecoySession,
  refuseDecoyPassword,
} from '../../domain/mfa/first-factor-decoy.ts';
import { availableChallenges, type FirstChallenge } from '../../domain/mfa/first-factors.ts';
import { answerWebAuthn, hasPasskey, refuseDecoyWebAuthn, webAuthnChallenge } from '../../domain/mfa/passkeys.ts';
import { newMfaSession, type OpenedSession, takeMfaSession } from '../../domain/mfa/session.ts';
import { factorChallenge } from '../../domain/mfa/step.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { allowsFlow } from '../../domain/user-pools.ts';
import { findUser } from '../../domain/users.ts';
import { type AuthParams, passwordFlow } from './auth-flows.ts';
import { srpInitiate } from './srp-flow.ts';

/** Runs the chosen first factor with the parameters that came with the choice. */
async function runChoice(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  choice: FirstChallenge,
  params: AuthParams,
): Promise<Record<string, unknown>> {
  const base = { USERNAME: params.USERNAME, SECRET_HASH: params.SECRET_HASH, DEVICE_KEY: params.DEVICE_KEY };
  switch (choice) {
    case 'PASSWORD':
      return passwordFlow(app, pool, client, { ...base, PASSWORD: required(params, 'PASSWORD') });
    case 'PASSWORD_SRP':
      return srpInitiate(app, pool, client, { ...base, SRP_A: required(params, 'SRP_A') });
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      if (user.status === 'UNCONFIRMED') throw new UserNotConfirmedException('User is not confirmed.');
      return factorChallenge(app, pool, client, user, choice);
    case 'WEB_AUTHN':
      return webAuthnChallenge(app, pool, client, user);
  }
}

/** A decoy's chosen first factor: each answers as it would for a real user, and none signs anybody in. */
async function runDecoyChoice(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  decoy: Decoy,
  choice: FirstChallenge,
  params: AuthParams,
): Promise<Record<string, unknown>> {
  switch (choice) {
    case 'PASSWORD': {
      const password = required(params, 'PASSWORD');
      assertSecretHash(app, client, [decoy.username], params.SECRET_HASH);
      throw await refuseDecoyPassword(app, pool, client, decoy, password);
    }
    case 'PASSWORD_SRP':
      // srp-flow answers an unknown name with its own decoy challenge.
      return srpInitiate(app, pool, client, {
        USERNAME: decoy.username,
        SECRET_HASH: params.SECRET_HASH,
        DEVICE_KEY: params.DEVICE_KEY,
        SRP_A: required(params, 'SRP_A'),
      });
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return decoyCodeChallenge(app, pool, client, decoy, choice);
    case 'WEB_AUTHN':
      return decoyWebAuthnChallenge(app, pool, client, decoy);
  }
}

function assertOffered(opened: OpenedSession, answer: string): void {
  if (!(opened.state.choices ?? []).includes(answer)) {
    throw new InvalidParameterException(`Invalid ANSWER: choose one of ${JSON.stringify(opened.state.choices ?? [])}.`);
  }
}

/** InitiateAuth / AdminInitiateAuth with USER_AUTH. */
export async function userAuthInitiate(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  params: AuthParams,
): Promise<Record<string, unknown>> {
  if (!allowsFlow(client, 'USER_AUTH')) throw new InvalidParameterException('USER_AUTH is not enabled for the client.');
  const username = required(params, 'USERNAME');
  assertSecretHash(app, client, [username], params.SECRET_HASH);
  const user = await findUser(app, pool, username);
  const preferred = params.PREFERRED_CHALLENGE as FirstChallenge | undefined;
  if (!user) {
    if (!hidesUserExistence(client)) throw userMissing(client);
    const decoy = await decoyFor(app, pool, username);
    const offered = await decoyChoices(app, pool, decoy);
    if (preferred !== undefined && (offered as string[]).includes(preferred)) {
      return runDecoyChoice(app, pool, client, decoy, preferred, params);
    }
    return decoySelectChallenge(app, pool, client, decoy, offered);
  }
  await assertCanSignIn(app, user);
  const available = availableChallenges(pool, user, await hasPasskey(app, pool, user));
  if (preferred !== undefined && (available as string[]).includes(preferred)) return runChoice(app, pool, client, user, preferred, params);
  const session = await newMfaSession(app, client, {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    challenge: 'SELECT_CHALLENGE',
    choices: available,
  });
  return { ChallengeName: 'SELECT_CHALLENGE', Session: session, ChallengeParameters: {}, AvailableChallenges: available };
}

/** RespondToAuthChallenge SELECT_CHALLENGE: ANSWER, with what that factor needs (PASSWORD, SRP_A). */
export async function answerSelectChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: AuthParams,
  session: string | undefined,
): Promise<Record<string, unknown>> {
  const answer = required(responses, 'ANSWER');
  const opened = await takeMfaSession(app, client, session, ['SELECT_CHALLENGE']);
  if (isDecoySession(opened.state)) {
    const decoy = await openDecoySession(app, pool, client, opened, required(responses, 'USERNAME'), responses.SECRET_HASH);
    assertOffered(opened, answer);
    return runDecoyChoice(app, pool, client, decoy, answer as FirstChallenge, { ...responses, USERNAME: decoy.username });
  }
  const user = await sessionUser(app, pool, client, opened, responses);
  assertOffered(opened, answer);
  return runChoice(app, pool, client, user, answer as FirstChallenge, { ...responses, USERNAME: user.username });
}

/** RespondToAuthChallenge WEB_AUTHN: CREDENTIAL, the browser's AuthenticationResponseJSON. */
export async function answerWebAuthnChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: AuthParams,
  session: string | undefined,
): Promise<Record<string, unknown>> {
  const credential = required(responses, 'CREDENTIAL');
  const opened = await takeMfaSession(app, client, session, ['WEB_AUTHN']);
  if (isDecoySession(opened.state)) {
    await openDecoySession(app, pool, client, opened, required(responses, 'USERNAME'), responses.SECRET_HASH);
    throw await refuseDecoyWebAuthn(app, pool, opened, credential);
  }
  const user = await sessionUser(app, pool, client, opened, responses);
  return answerWebAuthn(app, pool, client, user, opened, credential);
}
