/**
 * The sign-in page's steps, made of the same domain functions the API flows use (verifyPassword,
 * challenge sessions, the password policy), so a page sign-in obeys the same locks, policies and
 * statuses as InitiateAuth. What the page cannot yet finish (MFA) is refused plainly, never skipped.
 */
import type { App } from '../../domain/app.ts';
import { consumeChallengeSession, createChallengeSession, verifyPassword } from '../../domain/auth.ts';
import type { MfaFactor } from '../../domain/mfa/pool-mfa.ts';
import { newMfaSession } from '../../domain/mfa/session.ts';
import { factorChallenge, mfaDecision } from '../../domain/mfa/step.ts';
import { assertPasswordPolicy, makeVerifier } from '../../domain/passwords.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { ServiceError } from '../../protocol/errors.ts';
import { srpUserIdFor } from '../../services/cognito-idp/user-input.ts';

export type StepResult =
  | { done: UserRecord }
  | { newPassword: string }
  | { mfa: MfaPrompt }
  | { unconfirmed: true }
  | { error: string; status: number };

/** A second-factor prompt: a code (TOTP, or one sent by SMS or e-mail), or a choice between factors. */
export type MfaPrompt =
  | { kind: 'code'; challenge: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP'; session: string; destination?: string }
  | { kind: 'select'; session: string; choices: MfaFactor[] };

/** An expected refusal (wrong password, disabled, locked…) as the page shows it; anything else propagates. */
function refusal(e: unknown): { error: string; status: number } {
  if (e instanceof ServiceError && e.status < 500) return { error: e.message, status: e.code === 'TooManyRequestsException' ? 429 : 400 };
  throw e;
}

/**
 * After the password: the second factor InitiateAuth would ask for (domain/mfa), with the same
 * challenge sessions and code deliveries. A user who must first set up MFA is refused plainly: the
 * pages do not offer set-up yet, and must not sign such a user in without it.
 */
export async function secondStep(app: App, pool: PoolRecord, client: ClientRecord, user: UserRecord): Promise<StepResult> {
  const decision = mfaDecision(pool, user);
  if (decision.kind === 'none') return { done: user };
  if (decision.kind === 'setup') {
    return {
      error: 'This account must set up multi-factor authentication first, which this sign-in page does not offer yet.',
      status: 400,
    };
  }
  const base = { poolId: pool.id, clientId: client.id, sub: user.sub };
  if (decision.kind === 'select') {
    const session = await newMfaSession(app, client, { ...base, challenge: 'SELECT_MFA_TYPE', choices: decision.choices });
    return { mfa: { kind: 'select', session, choices: decision.choices } };
  }
  return { mfa: await codePrompt(app, pool, client, user, decision.factor) };
}

/** Issues one factor's challenge (a code sent now for SMS and e-mail) as a page prompt. */
export async function codePrompt(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  factor: MfaFactor,
): Promise<MfaPrompt> {
  const c = (await factorChallenge(app, pool, client, user, factor)) as { Session: string; ChallengeParameters: Record<string, string> };
  const destination = c.ChallengeParameters.CODE_DELIVERY_DESTINATION;
  return { kind: 'code', challenge: factor as 'SOFTWARE_TOKEN_MFA', session: c.Session, ...(destination ? { destination } : {}) };
}

/** The user name and password step. */
export async function passwordStep(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
): Promise<StepResult> {
  if (!username || !password) return { error: 'Enter your user name and password.', status: 400 };
  let user: UserRecord;
  try {
    user = await verifyPassword(app, pool, client, username, password);
  } catch (e) {
    if (e instanceof ServiceError && e.code === 'UserNotConfirmedException') return { unconfirmed: true };
    return refusal(e);
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    return {
      newPassword: await createChallengeSession(app, client, {
        kind: 'NEW_PASSWORD_REQUIRED',
        poolId: pool.id,
        clientId: client.id,
        sub: user.sub,
      }),
    };
  }
  return secondStep(app, pool, client, user);
}

/** NEW_PASSWORD_REQUIRED: the temporary password was right; the new one must meet the policy. */
export async function newPasswordStep(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  session: string,
  newPassword: string,
): Promise<StepResult> {
  try {
    // The policy first: a refused password must leave the challenge session usable for another try.
    assertPasswordPolicy(pool, newPassword);
    const state = await consumeChallengeSession(app, client, session, 'NEW_PASSWORD_REQUIRED');
    const user = await app.store.users.getBySub(pool.id, state.sub);
    if (!user || state.poolId !== pool.id || !user.enabled) return { error: 'Your session has expired. Sign in again.', status: 400 };
    user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), newPassword);
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    user.lastModifiedAt = app.now();
    await app.store.users.update(user);
    return await secondStep(app, pool, client, user);
  } catch (e) {
    return refusal(e);
  }
}
