/**
 * Choice-based sign-in (USER_AUTH) for a user name nobody has, when the app client sets
 * PreventUserExistenceErrors=ENABLED. Cognito documents that it then answers with a selection of the
 * challenge types the pool allows. Cognate derives the selection from the name (domain/user-existence's
 * decoy key), so asking twice tells nothing either, and gives every later step a real user's shape and
 * work, ending as a wrong answer ends:
 * - SELECT_CHALLENGE: a challenge session like a real user's (the same store reads and write);
 * - PASSWORD: a wrong password, counted on the name's own brake (domain/password-brake);
 * - PASSWORD_SRP: the SRP decoy challenge (services/cognito-idp/srp-flow);
 * - EMAIL_OTP / SMS_OTP: a code challenge to a simulated destination; every code is a wrong code, counted
 *   as a real user's are;
 * - WEB_AUTHN (when the pool is set up for passkeys): request options naming made-up credentials; every
 *   answer is refused as a passkey that is not the user's.
 * The decoy's sessions name a made-up sub, so nothing that reads them as a real user's signs anybody in.
 */
import { CodeMismatchException, LimitExceededException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { assertSecretHash } from '../auth.ts';
import { newNumericCode } from '../ids.ts';
import { ATTEMPTS_EXCEEDED, countAttempt, hasAttemptsLeft, LIMITS, limitKeys } from '../limits.ts';
import { assertNotLockedOut, brakeKeys } from '../password-brake.ts';
import { preAuthentication } from '../triggers/authentication.ts';
import type { ClientRecord, PoolRecord } from '../types.ts';
import { decoyBytes, decoyUuid, simulatedDelivery, unknownUserWrongPassword } from '../user-existence.ts';
import { findUser } from '../users.ts';
import { allowedFirstFactors, type FirstChallenge } from './first-factors.ts';
import { requestOptionsChallenge } from './passkeys.ts';
import {
  countWrongCode,
  hashSentCode,
  newMfaSession,
  type MfaSessionState,
  type OpenedSession,
  SESSION_EXPIRED,
  sentCodeMatches,
  WRONG_MFA_CODE,
} from './session.ts';
import { passkeysReady } from './webauthn-checks.ts';

/** The user an unknown name pretends to be: the name, and the stable made-up sub its sessions carry. */
export interface Decoy {
  username: string;
  sub: string;
}

/** The decoy for `username` in `pool`. */
export async function decoyFor(app: App, pool: PoolRecord, username: string): Promise<Decoy> {
  return { username, sub: await decoyUuid(app, pool.id, username) };
}

/** Whether a challenge session is a decoy's. */
export function isDecoySession(state: MfaSessionState): boolean {
  return typeof state.decoyName === 'string';
}

/**
 * Refuses, as for a real user, while the name is locked out; then the decoy's choices: the password ones
 * whenever the pool allows passwords (as for any user with a password), each passwordless factor the pool
 * allows by a bit of the name's decoy bytes — after the passkey lookup a real user's choices cost.
 */
export async function decoyChoices(app: App, pool: PoolRecord, decoy: Decoy): Promise<FirstChallenge[]> {
  await assertNotLockedOut(app, brakeKeys.unknown(pool.id, decoy.username));
  const bits = await decoyBytes(app, 'first-factors', pool.id, decoy.username);
  await app.store.mfa.listCredentials(pool.id, decoy.sub, 1);
  const passkeys = await passkeysReady(app, pool);
  const allowed = allowedFirstFactors(pool);
  const drawn = (i: number) => ((bits[i] ?? 0) & 1) === 1;
  const out: FirstChallenge[] = [];
  if (allowed.includes('PASSWORD')) out.push('PASSWORD', 'PASSWORD_SRP');
  if (allowed.includes('EMAIL_OTP') && drawn(0)) out.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && drawn(1)) out.push('SMS_OTP');
  if (allowed.includes('WEB_AUTHN') && drawn(2) && passkeys) out.push('WEB_AUTHN');
  return out;
}

function base(pool: PoolRecord, client: ClientRecord, decoy: Decoy) {
  return { poolId: pool.id, clientId: client.id, sub: decoy.sub, decoyName: decoy.username };
}

/** SELECT_CHALLENGE for the decoy, its session written as a real user's is. */
export async function decoySelectChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  decoy: Decoy,
  choices: FirstChallenge[],
): Promise<Record<string, unknown>> {
  const session = await newMfaSession(app, client, { ...base(pool, client, decoy), challenge: 'SELECT_CHALLENGE', choices });
  return { ChallengeName: 'SELECT_CHALLENGE', Session: session, ChallengeParameters: {}, AvailableChallenges: choices };
}

/** PASSWORD chosen: the PreAuthentication trigger a real sign-in calls, then a wrong password on the name's brake. */
export async function refuseDecoyPassword(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  decoy: Decoy,
  password: string,
): Promise<Error> {
  await preAuthentication(app, pool, client, decoy.username, undefined);
  return unknownUserWrongPassword(app, pool.id, decoy.username, password);
}

/** EMAIL_OTP / SMS_OTP chosen: a code that is never sent, kept as a real one is, to a simulated destination. */
export async function decoyCodeChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  decoy: Decoy,
  factor: 'EMAIL_OTP' | 'SMS_OTP',
): Promise<Record<string, unknown>> {
  const codeHash = await hashSentCode(app, decoy.sub, newNumericCode(6));
  const session = await newMfaSession(app, client, { ...base(pool, client, decoy), challenge: factor, codeHash });
  const d = await simulatedDelivery(app, pool, decoy.username, factor === 'EMAIL_OTP' ? 'EMAIL' : 'SMS');
  return {
    ChallengeName: factor,
    Session: session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: d.DeliveryMedium, CODE_DELIVERY_DESTINATION: d.Destination },
  };
}

/** WEB_AUTHN chosen: request options naming the decoy's made-up passkey (stable for the name). */
export async function decoyWebAuthnChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  decoy: Decoy,
): Promise<Record<string, unknown>> {
  const id = (await decoyBytes(app, 'passkey', pool.id, decoy.username)).toString('base64url');
  return requestOptionsChallenge(app, pool, client, decoy.sub, [{ credentialId: id }], { decoyName: decoy.username });
}

/**
 * The checks a real user's session answer gets (domain/mfa/answer's sessionUser): the pool, SECRET_HASH,
 * a USERNAME that names the session's user, no lock-out. Returns the decoy the session stands for.
 */
export async function openDecoySession(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  opened: OpenedSession,
  username: string,
  secretHash: string | undefined,
): Promise<Decoy> {
  const decoy: Decoy = { username: opened.state.decoyName as string, sub: opened.state.sub };
  const known = opened.state.poolId === pool.id ? await app.store.users.getBySub(pool.id, decoy.sub) : undefined;
  if (opened.state.poolId !== pool.id || known) throw new NotAuthorizedException(SESSION_EXPIRED);
  assertSecretHash(app, client, [username, decoy.username, decoy.sub], secretHash);
  if (username !== decoy.username && username !== decoy.sub) {
    await findUser(app, pool, username);
    throw new NotAuthorizedException('Invalid session for the user.');
  }
  await assertNotLockedOut(app, brakeKeys.unknown(pool.id, decoy.username));
  return decoy;
}

/** A code for a decoy's EMAIL_OTP / SMS_OTP challenge: counted and refused as a real user's wrong code is. */
export async function refuseDecoyCode(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  opened: OpenedSession,
  username: string,
  secretHash: string | undefined,
  code: string,
): Promise<Error> {
  const decoy = await openDecoySession(app, pool, client, opened, username, secretHash);
  const guesses = limitKeys.wrongCode(pool.id, 'mfa', decoy.sub);
  if (!(await hasAttemptsLeft(app, guesses, LIMITS.wrongCodes))) return new LimitExceededException(ATTEMPTS_EXCEEDED);
  // Compared as a real code is, and refused whatever the outcome: no code was ever sent.
  await sentCodeMatches(app, opened.state, code);
  await countWrongCode(app, opened);
  await countAttempt(app, guesses, LIMITS.wrongCodes);
  return new CodeMismatchException(WRONG_MFA_CODE);
}
