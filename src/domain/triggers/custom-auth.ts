/**
 * The custom authentication triggers (AuthFlow CUSTOM_AUTH): DefineAuthChallenge decides what happens
 * next from the session so far, CreateAuthChallenge makes a CUSTOM_CHALLENGE, VerifyAuthChallengeResponse
 * judges the answer. The session's results travel in the (single-use, store-backed) challenge session.
 */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { InvalidLambdaResponseException, UNRECOGNIZABLE } from './errors.ts';
import { expectType, invokeTrigger, type TriggerName, triggerArn } from './invoke.ts';
import { userAttributesOf } from './user-attributes.ts';

/** One finished round, as DefineAuthChallenge and CreateAuthChallenge see it. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export type DefineDecision = { kind: 'tokens' } | { kind: 'fail' } | { kind: 'challenge'; name: 'CUSTOM_CHALLENGE' };

export interface CreatedChallenge {
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  challengeMetadata?: string;
}

const TRIGGERS: TriggerName[] = ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse'];

/** Cognito refuses CUSTOM_AUTH on a pool without the custom-auth triggers. */
export function assertCustomAuthConfigured(pool: PoolRecord): void {
  if (!TRIGGERS.every((t) => triggerArn(pool, t))) {
    throw new NotAuthorizedException('Custom auth lambda trigger is not configured for the user pool.');
  }
}

function stringMap(v: unknown): Record<string, string> {
  expectType(v, 'object');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries((v as Record<string, unknown> | null) ?? {})) {
    if (typeof x !== 'string') throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
    out[k] = x;
  }
  return out;
}

export async function defineAuthChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  session: ChallengeResult[],
): Promise<DefineDecision> {
  const r = await invokeTrigger(app, pool, {
    trigger: 'DefineAuthChallenge',
    triggerSource: 'DefineAuthChallenge_Authentication',
    userName: user.username,
    clientId: client.id,
    request: { userAttributes: userAttributesOf(user), session },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  });
  if (!r) throw new NotAuthorizedException('Custom auth lambda trigger is not configured for the user pool.');
  expectType(r.issueTokens, 'boolean');
  expectType(r.failAuthentication, 'boolean');
  expectType(r.challengeName, 'string');
  if (r.failAuthentication === true) return { kind: 'fail' };
  if (r.issueTokens === true) return { kind: 'tokens' };
  if (r.challengeName === 'CUSTOM_CHALLENGE') return { kind: 'challenge', name: 'CUSTOM_CHALLENGE' };
  if (typeof r.challengeName === 'string') {
    throw new InvalidParameterException(
      `DefineAuthChallenge asked for ${r.challengeName}; Cognate's CUSTOM_AUTH supports CUSTOM_CHALLENGE rounds only (no SRP_A / PASSWORD_VERIFIER steps yet).`,
    );
  }
  throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
}

export async function createAuthChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  session: ChallengeResult[],
): Promise<CreatedChallenge> {
  const r = await invokeTrigger(app, pool, {
    trigger: 'CreateAuthChallenge',
    triggerSource: 'CreateAuthChallenge_Authentication',
    userName: user.username,
    clientId: client.id,
    request: { userAttributes: userAttributesOf(user), challengeName: 'CUSTOM_CHALLENGE', session },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  });
  if (!r) throw new NotAuthorizedException('Custom auth lambda trigger is not configured for the user pool.');
  expectType(r.challengeMetadata, 'string');
  return {
    publicChallengeParameters: stringMap(r.publicChallengeParameters),
    privateChallengeParameters: stringMap(r.privateChallengeParameters),
    ...(typeof r.challengeMetadata === 'string' ? { challengeMetadata: r.challengeMetadata } : {}),
  };
}

export async function verifyAuthChallengeResponse(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  privateChallengeParameters: Record<string, string>,
  challengeAnswer: string,
): Promise<boolean> {
  const r = await invokeTrigger(app, pool, {
    trigger: 'VerifyAuthChallengeResponse',
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    userName: user.username,
    clientId: client.id,
    request: { userAttributes: userAttributesOf(user), privateChallengeParameters, challengeAnswer },
    response: { answerCorrect: null },
  });
  if (!r) throw new NotAuthorizedException('Custom auth lambda trigger is not configured for the user pool.');
  expectType(r.answerCorrect, 'boolean', false);
  return r.answerCorrect === true;
}
