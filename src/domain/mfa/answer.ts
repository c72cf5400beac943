/**
 * Answers to the second-factor challenges (RespondToAuthChallenge / AdminRespondToAuthChallenge):
 * SOFTWARE_TOKEN_MFA, SMS_MFA and EMAIL_OTP codes, SELECT_MFA_TYPE, and MFA_SETUP once a software token
 * was verified with the session.
 */
import { CodeMismatchException, InvalidParameterException, LimitExceededException, NotAuthorizedException } from '../../protocol/errors.ts';
import { ATTEMPTS_EXCEEDED, clearAttempts, countAttempt, hasAttemptsLeft, LIMITS, limitKeys } from '../limits.ts';
import type { App } from '../app.ts';
import { assertCanSignIn, assertSecretHash } from '../auth.ts';
import { finishSignIn, knownDevice } from './devices.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { findUser } from '../users.ts';
import type { MfaFactor } from './pool-mfa.ts';
import { isDecoySession, refuseDecoyCode } from './first-factor-decoy.ts';
import { countWrongCode, type OpenedSession, SESSION_EXPIRED, sentCodeMatches, takeMfaSession, WRONG_MFA_CODE } from './session.ts';
import { type CodeChallenge, factorChallenge, type SignInOutcome } from './step.ts';
import { matchTotp } from './totp.ts';
import { totpSecret } from './user-mfa.ts';

type Responses = Record<string, string | undefined>;

export { WRONG_MFA_CODE };

const CODE_FIELD: Record<CodeChallenge, string> = {
  SMS_OTP: 'SMS_OTP_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

export function required(responses: Responses, name: string): string {
  const v = responses[name];
  if (v === undefined || v === '') throw new InvalidParameterException(`Missing required parameter ${name}`);
  return v;
}

/** Whether USERNAME names this user: user name, sub, SRP user id, or a sign-in alias. */
async function namesUser(app: App, pool: PoolRecord, user: UserRecord, username: string): Promise<boolean> {
  if (username === user.username || username === user.sub || username === user.password?.srpUserId) return true;
  return (await findUser(app, pool, username))?.sub === user.sub;
}

/** The session's user, who must be the one USERNAME names, still allowed to sign in, with the client's SECRET_HASH. */
export async function sessionUser(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  opened: OpenedSession,
  responses: Responses,
): Promise<UserRecord> {
  const username = required(responses, 'USERNAME');
  const user = opened.state.poolId === pool.id ? await app.store.users.getBySub(pool.id, opened.state.sub) : undefined;
  if (!user) throw new NotAuthorizedException(SESSION_EXPIRED);
  assertSecretHash(app, client, [username, user.username, user.sub], responses.SECRET_HASH);
  if (!(await namesUser(app, pool, user, username))) throw new NotAuthorizedException('Invalid session for the user.');
  await assertCanSignIn(app, user);
  return user;
}

/**
 * Wrong second-factor codes are also counted per user across sessions (domain/limits: five an hour), so
 * that starting new sign-ins does not buy more guesses; past the limit every code is refused with
 * LimitExceededException until the window ends or a right code clears it.
 */
export const mfaGuessKey = (user: UserRecord) => limitKeys.wrongCode(user.poolId, 'mfa', user.sub);

export async function assertGuessesLeft(app: App, user: UserRecord): Promise<void> {
  if (!(await hasAttemptsLeft(app, mfaGuessKey(user), LIMITS.wrongCodes))) throw new LimitExceededException(ATTEMPTS_EXCEEDED);
}

/** Checks a TOTP code against the user's secret and claims its step, so the same code works once. */
export async function totpAccepted(app: App, user: UserRecord, secret: string | undefined, code: string): Promise<boolean> {
  if (!secret) return false;
  const step = matchTotp(secret, code, app.now());
  return step !== undefined && (await app.store.mfa.claimTotpStep(user.poolId, user.sub, step));
}

/**
 * SOFTWARE_TOKEN_MFA / SMS_MFA / EMAIL_OTP (MFA, or the passwordless first factor of USER_AUTH) / SMS_OTP:
 * the code, then tokens. A passwordless code is the whole sign-in: no MFA follows it.
 */
export async function answerMfaCode(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  factor: CodeChallenge,
  responses: Responses,
  session: string | undefined,
): Promise<SignInOutcome> {
  const code = required(responses, CODE_FIELD[factor]);
  const opened = await takeMfaSession(app, client, session, [factor]);
  if (isDecoySession(opened.state)) {
    throw await refuseDecoyCode(app, pool, client, opened, required(responses, 'USERNAME'), responses.SECRET_HASH, code);
  }
  const user = await sessionUser(app, pool, client, opened, responses);
  await assertGuessesLeft(app, user);
  const ok =
    factor === 'SOFTWARE_TOKEN_MFA'
      ? await totpAccepted(app, user, totpSecret(app, user), code)
      : await sentCodeMatches(app, opened.state, code);
  if (!ok) {
    await countWrongCode(app, opened);
    await countAttempt(app, mfaGuessKey(user), LIMITS.wrongCodes);
    throw new CodeMismatchException(WRONG_MFA_CODE);
  }
  await clearAttempts(app, mfaGuessKey(user));
  return finishSignIn(app, pool, client, user, await knownDevice(app, pool, user, opened.state.deviceKey));
}

/** SELECT_MFA_TYPE: ANSWER names one of the offered factors; its challenge follows. */
export async function answerSelectMfaType(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Responses,
  session: string | undefined,
): Promise<SignInOutcome> {
  const answer = required(responses, 'ANSWER');
  const opened = await takeMfaSession(app, client, session, ['SELECT_MFA_TYPE']);
  const user = await sessionUser(app, pool, client, opened, responses);
  if (!(opened.state.choices ?? []).includes(answer)) {
    await countWrongCode(app, opened);
    throw new InvalidParameterException(`Invalid ANSWER: choose one of ${JSON.stringify(opened.state.choices ?? [])}.`);
  }
  return factorChallenge(app, pool, client, user, answer as MfaFactor, opened.state.deviceKey);
}

/** MFA_SETUP: finishes once AssociateSoftwareToken and VerifySoftwareToken succeeded with this session. */
export async function answerMfaSetup(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Responses,
  session: string | undefined,
): Promise<SignInOutcome> {
  const opened = await takeMfaSession(app, client, session, ['MFA_SETUP']);
  const user = await sessionUser(app, pool, client, opened, responses);
  if (opened.state.stage !== 'verified') {
    await app.store.authSessions.put({ id: opened.id, expiresAt: opened.expiresAt, data: opened.state });
    throw new InvalidParameterException(
      'No MFA method was set up with this session: call AssociateSoftwareToken and VerifySoftwareToken with the Session first.',
    );
  }
  return finishSignIn(app, pool, client, user, await knownDevice(app, pool, user, opened.state.deviceKey));
}
