/**
 * The second-factor step of sign-in. Every first factor (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH,
 * USER_SRP_AUTH, and later ones) calls `afterFirstFactor` once the password is proven: it either finishes
 * the sign-in or answers with the challenge Cognito would give for the pool's and the user's settings.
 *
 * The rules (Cognito's MFA documentation):
 * - MfaConfiguration OFF: no second factor.
 * - A factor counts when the user turned it on, the pool offers it, and (SMS, e-mail) the user has the
 *   attribute to deliver to. One such factor: its challenge. Several: the preferred one, else
 *   SELECT_MFA_TYPE.
 * - None under OPTIONAL: signed in. None under ON: SMS_MFA when the pool offers SMS and the user has a
 *   phone number, else EMAIL_OTP when the pool offers e-mail and the user has an e-mail address, else
 *   MFA_SETUP (a user must set up a factor before getting tokens).
 */
import { codeMessage } from '../messages.ts';
import { applyCustomText, customMessage } from '../triggers/custom-message.ts';
import type { App } from '../app.ts';
import type { SignInOptions } from '../auth.ts';
import { details, type DeliveryTarget } from '../code-delivery.ts';
import { newNumericCode } from '../ids.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { attr } from '../users.ts';
import { type MfaFactor, mfaMode, poolFactors } from './pool-mfa.ts';
import { hashSentCode, type MfaChallengeName, newMfaSession } from './session.ts';
import { enabledFactors } from './user-mfa.ts';
import { deviceSrpChallenge } from './device-srp.ts';
import { finishSignIn, knownDevice } from './devices.ts';
import type { DeviceRecord } from '../../store/port-mfa.ts';

export type SignInOutcome = Record<string, unknown>;

type Decision =
  | { kind: 'none' }
  | { kind: 'factor'; factor: MfaFactor }
  | { kind: 'select'; choices: MfaFactor[] }
  | { kind: 'setup'; choices: MfaFactor[] };

function deliverable(user: UserRecord, factor: MfaFactor): boolean {
  if (factor === 'SMS_MFA') return attr(user, 'phone_number') !== undefined;
  if (factor === 'EMAIL_OTP') return attr(user, 'email') !== undefined;
  return user.totp?.secretSealed !== undefined;
}

/** Which second factor (if any) this sign-in needs. */
export function mfaDecision(pool: PoolRecord, user: UserRecord): Decision {
  const mode = mfaMode(pool);
  if (mode === 'OFF') return { kind: 'none' };
  const offered = poolFactors(pool);
  const usable = enabledFactors(user).filter((f) => offered.includes(f) && deliverable(user, f));
  if (usable.length === 1) return { kind: 'factor', factor: usable[0] as MfaFactor };
  if (usable.length > 1) {
    const preferred = usable.find((f) => f === user.preferredMfa);
    return preferred ? { kind: 'factor', factor: preferred } : { kind: 'select', choices: usable };
  }
  if (mode === 'OPTIONAL') return { kind: 'none' };
  if (offered.includes('SMS_MFA') && deliverable(user, 'SMS_MFA')) return { kind: 'factor', factor: 'SMS_MFA' };
  if (offered.includes('EMAIL_OTP') && deliverable(user, 'EMAIL_OTP')) return { kind: 'factor', factor: 'EMAIL_OTP' };
  return { kind: 'setup', choices: offered };
}

/** A challenge answered with a code: the MFA factors, and SMS_OTP (a passwordless first factor). */
export type CodeChallenge = MfaFactor | 'SMS_OTP';

function target(user: UserRecord, factor: 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP'): DeliveryTarget {
  return factor !== 'EMAIL_OTP'
    ? { medium: 'SMS', attribute: 'phone_number', value: attr(user, 'phone_number') ?? '' }
    : { medium: 'EMAIL', attribute: 'email', value: attr(user, 'email') ?? '' };
}

/** Issues one factor's challenge: a session, and for SMS and e-mail a fresh code sent to the outbox. */
export async function factorChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  factor: CodeChallenge,
  deviceKey?: string,
): Promise<SignInOutcome> {
  const base = {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    challenge: factor as MfaChallengeName,
    ...(deviceKey ? { deviceKey } : {}),
  };
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    return { ChallengeName: factor, Session: await newMfaSession(app, client, base), ChallengeParameters: {} };
  }
  const to = target(user, factor);
  const custom = await customMessage(app, pool, user, 'mfa'); // CustomMessage_Authentication, before a code exists
  const code = newNumericCode(6);
  const session = await newMfaSession(app, client, { ...base, codeHash: await hashSentCode(app, user.sub, code) });
  app.outbox.deliver({
    at: new Date(app.now()).toISOString(),
    poolId: pool.id,
    username: user.username,
    medium: to.medium,
    destination: to.value,
    kind: 'mfa-code',
    code,
    ...(custom ? applyCustomText(codeMessage(pool, to.medium, code, user.username), custom, to.medium, code, user.username) : {}),
  });
  const d = details(to);
  return {
    ChallengeName: factor,
    Session: session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: d.DeliveryMedium, CODE_DELIVERY_DESTINATION: d.Destination },
  };
}

/**
 * After the first factor: a confirmed device named by DEVICE_KEY proves itself first (DEVICE_SRP_AUTH);
 * otherwise tokens, or the second-factor challenge the pool and user call for.
 */
export async function afterFirstFactor(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  signIn: SignInOptions = {},
  deviceKey?: string,
): Promise<SignInOutcome> {
  const device = await knownDevice(app, pool, user, deviceKey);
  if (device) {
    await signIn.commit?.();
    return deviceSrpChallenge(app, pool, client, user, device);
  }
  return secondFactor(app, pool, client, user, undefined, signIn);
}

/** The MFA step proper; `device` is one that already proved itself (and is not remembered). */
export async function secondFactor(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  device?: DeviceRecord,
  signIn: SignInOptions = {},
): Promise<SignInOutcome> {
  const decision = mfaDecision(pool, user);
  // A step that changes the user (a new password) writes it now unless tokens follow at once, in which
  // case completeSignIn writes it after the sign-in triggers agreed.
  if (decision.kind !== 'none') await signIn.commit?.();
  const base = { poolId: pool.id, clientId: client.id, sub: user.sub, ...(device ? { deviceKey: device.deviceKey } : {}) };
  switch (decision.kind) {
    case 'none':
      return finishSignIn(app, pool, client, user, device, signIn);
    case 'factor':
      return factorChallenge(app, pool, client, user, decision.factor, device?.deviceKey);
    case 'select':
      return {
        ChallengeName: 'SELECT_MFA_TYPE',
        Session: await newMfaSession(app, client, { ...base, challenge: 'SELECT_MFA_TYPE', choices: decision.choices }),
        ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(decision.choices) },
      };
    case 'setup':
      return {
        ChallengeName: 'MFA_SETUP',
        Session: await newMfaSession(app, client, { ...base, challenge: 'MFA_SETUP', choices: decision.choices, stage: 'new' }),
        ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(decision.choices) },
      };
  }
}
