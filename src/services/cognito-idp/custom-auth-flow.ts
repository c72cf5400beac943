/**
 * AuthFlow CUSTOM_AUTH (InitiateAuth / AdminInitiateAuth) and its CUSTOM_CHALLENGE answers
 * (RespondToAuthChallenge / AdminRespondToAuthChallenge): PreAuthentication (at InitiateAuth only) →
 * DefineAuthChallenge → CreateAuthChallenge →
 * the client's ANSWER → VerifyAuthChallengeResponse → DefineAuthChallenge again with the round's result,
 * until it issues tokens or fails the authentication. Each round's session is single use; the private
 * challenge parameters stay on the server.
 */
import { NotAuthorizedException, UserNotConfirmedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { assertCanSignIn, assertSecretHash, consumeChallengeSession, createChallengeSession, userMissing } from '../../domain/auth.ts';
import { afterFirstFactor } from '../../domain/mfa/step.ts';
import { preAuthentication } from '../../domain/triggers/authentication.ts';
import {
  assertCustomAuthConfigured,
  type ChallengeResult,
  createAuthChallenge,
  defineAuthChallenge,
  verifyAuthChallengeResponse,
} from '../../domain/triggers/custom-auth.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { findUser } from '../../domain/users.ts';
import { type AuthParams, requireParam } from './auth-flows.ts';

const KIND = 'CUSTOM_CHALLENGE';
const INCORRECT = 'Incorrect username or password.';

/** Asks DefineAuthChallenge what comes next and carries it out. */
async function nextStep(app: App, pool: PoolRecord, client: ClientRecord, user: UserRecord, session: ChallengeResult[]) {
  const decision = await defineAuthChallenge(app, pool, client, user, session);
  if (decision.kind === 'fail') throw new NotAuthorizedException(INCORRECT);
  if (decision.kind === 'tokens') return afterFirstFactor(app, pool, client, user);
  const created = await createAuthChallenge(app, pool, client, user, session);
  const id = await createChallengeSession(app, client, {
    kind: KIND,
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    rounds: session,
    private: created.privateChallengeParameters,
    ...(created.challengeMetadata !== undefined ? { metadata: created.challengeMetadata } : {}),
  });
  return {
    ChallengeName: KIND,
    Session: id,
    ChallengeParameters: { ...created.publicChallengeParameters, USERNAME: user.username },
  };
}

/** InitiateAuth / AdminInitiateAuth with CUSTOM_AUTH. */
export async function customAuthInitiate(app: App, pool: PoolRecord, client: ClientRecord, params: AuthParams) {
  const username = requireParam(params, 'USERNAME');
  assertCustomAuthConfigured(pool);
  assertSecretHash(app, client, [username], params.SECRET_HASH);
  const user = await findUser(app, pool, username);
  // Like every sign-in, CUSTOM_AUTH asks PreAuthentication first: a refusal stops it before DefineAuthChallenge.
  await preAuthentication(app, pool, client, username, user);
  if (!user) throw userMissing(client);
  await assertCanSignIn(app, user);
  if (user.status === 'UNCONFIRMED') throw new UserNotConfirmedException('User is not confirmed.');
  return nextStep(app, pool, client, user, []);
}

/** RespondToAuthChallenge / AdminRespondToAuthChallenge with CUSTOM_CHALLENGE. */
export async function customChallengeRespond(app: App, pool: PoolRecord, client: ClientRecord, responses: AuthParams, session?: string) {
  const username = requireParam(responses, 'USERNAME');
  const answer = requireParam(responses, 'ANSWER');
  const state = await consumeChallengeSession(app, client, session, KIND);
  const user = await app.store.users.getBySub(pool.id, state.sub);
  if (!user || state.poolId !== pool.id) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  assertSecretHash(app, client, [username, user.username, user.sub], responses.SECRET_HASH);
  if (![user.username, user.sub].includes(username) && (await findUser(app, pool, username))?.sub !== user.sub) {
    throw new NotAuthorizedException('Invalid session for the user.');
  }
  await assertCanSignIn(app, user);
  const privateParams = (state.private as Record<string, string> | undefined) ?? {};
  const correct = await verifyAuthChallengeResponse(app, pool, client, user, privateParams, answer);
  const round: ChallengeResult = {
    challengeName: KIND,
    challengeResult: correct,
    ...(typeof state.metadata === 'string' ? { challengeMetadata: state.metadata } : {}),
  };
  return nextStep(app, pool, client, user, [...((state.rounds as ChallengeResult[] | undefined) ?? []), round]);
}
