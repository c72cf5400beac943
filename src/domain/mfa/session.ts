/**
 * Challenge sessions of the second-factor step. A session is single use: answering consumes it. A wrong
 * code puts it back with one more attempt counted (so the user can type the code again, as Cognito
 * allows) until MAX_MFA_ATTEMPTS, after which it is gone and sign-in starts over. The count lives in the
 * store with the session, so it holds across workers, nodes and restarts.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { ClientRecord } from '../types.ts';

/** Wrong codes accepted on one challenge session before it is thrown away. */
export const MAX_MFA_ATTEMPTS = 5;
export const SESSION_EXPIRED = 'Invalid session for the user, session is expired.';
/** Cognito's answer to a wrong second-factor (or one-time) code. */
export const WRONG_MFA_CODE = 'Invalid code received for user';

export type MfaChallengeName =
  | 'SMS_MFA'
  | 'SOFTWARE_TOKEN_MFA'
  | 'EMAIL_OTP'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'
  | 'DEVICE_SRP_AUTH'
  | 'DEVICE_PASSWORD_VERIFIER'
  | 'SMS_OTP'
  | 'SELECT_CHALLENGE'
  | 'WEB_AUTHN';

export interface MfaSessionState {
  kind: 'MFA';
  challenge: MfaChallengeName;
  poolId: string;
  clientId: string;
  sub: string;
  attempts: number;
  /** HMAC of the SMS or e-mail code sent for this session. */
  codeHash?: string;
  /** SELECT_MFA_TYPE: the factors offered. MFA_SETUP: the factors that may be set up. */
  choices?: string[];
  /** MFA_SETUP: how far the set-up has come. */
  stage?: 'new' | 'associated' | 'verified';
  /** The device that proved itself (DEVICE_PASSWORD_VERIFIER) and gets the grant. */
  deviceKey?: string;
  /** DEVICE_PASSWORD_VERIFIER: the SRP public values (hex). */
  A?: string;
  B?: string;
  [k: string]: unknown;
}

export interface OpenedSession {
  id: string;
  expiresAt: number;
  state: MfaSessionState;
}

/** How long a challenge session lives: the client's AuthSessionValidity (minutes), 3 by default. */
export function sessionMillis(client: ClientRecord): number {
  const m = client.config.AuthSessionValidity;
  return (typeof m === 'number' ? m : 3) * 60_000;
}

/** Stores a new challenge session and returns its opaque id. */
export async function newMfaSession(app: App, client: ClientRecord, state: Omit<MfaSessionState, 'kind' | 'attempts'>): Promise<string> {
  const id = randomBytes(48).toString('base64url');
  await app.store.authSessions.put({ id, expiresAt: app.now() + sessionMillis(client), data: { ...state, kind: 'MFA', attempts: 0 } });
  return id;
}

/**
 * Takes (consumes) a challenge session answered with `challenge`. Unknown, expired or foreign sessions
 * are refused; a session of another challenge is put back untouched and the call refused. `client` is
 * undefined for the calls that carry only the Session (AssociateSoftwareToken, VerifySoftwareToken).
 */
export async function takeMfaSession(
  app: App,
  client: ClientRecord | undefined,
  session: string | undefined,
  challenges: readonly MfaChallengeName[],
): Promise<OpenedSession> {
  if (!session) throw new InvalidParameterException('Missing required parameter Session');
  const rec = await app.store.authSessions.consume(session);
  const state = rec?.data as MfaSessionState | undefined;
  if (!rec || !state || state.kind !== 'MFA' || rec.expiresAt <= app.now() || (client && state.clientId !== client.id)) {
    throw new NotAuthorizedException(SESSION_EXPIRED);
  }
  if (!challenges.includes(state.challenge)) {
    await app.store.authSessions.put(rec);
    throw new InvalidParameterException(`The session is for the ${state.challenge} challenge, not ${challenges.join(' or ')}.`);
  }
  return { id: rec.id, expiresAt: rec.expiresAt, state };
}

/** After a wrong code: puts the session back with the attempt counted, unless that was the last one. */
export async function countWrongCode(app: App, opened: OpenedSession): Promise<void> {
  const attempts = opened.state.attempts + 1;
  if (attempts >= MAX_MFA_ATTEMPTS) return;
  await app.store.authSessions.put({ id: opened.id, expiresAt: opened.expiresAt, data: { ...opened.state, attempts } });
}

const codeKeys = new WeakMap<App, Promise<Buffer>>();

/** A per-instance key, sealed at rest, under which sent codes are kept as HMACs. */
function codeKey(app: App): Promise<Buffer> {
  let k = codeKeys.get(app);
  if (!k) {
    k = (async () => {
      const sealed = await app.store.meta.setIfAbsent('mfa-code-key', app.sealer.seal(randomBytes(32).toString('base64')));
      return Buffer.from(app.sealer.open(sealed), 'base64');
    })();
    codeKeys.set(app, k);
  }
  return k;
}

/** The stored form of a sent code, bound to the user it was sent to. */
export async function hashSentCode(app: App, sub: string, code: string): Promise<string> {
  return createHmac('sha256', await codeKey(app))
    .update(`${sub}\n${code}`)
    .digest('hex');
}

export async function sentCodeMatches(app: App, state: MfaSessionState, presented: string): Promise<boolean> {
  if (!state.codeHash) return false;
  const want = Buffer.from(state.codeHash, 'hex');
  const got = Buffer.from(await hashSentCode(app, state.sub, presented), 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}
