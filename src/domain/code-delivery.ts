/**
 * Where Cognito sends a code, how it shows the destination (CodeDeliveryDetailsType), and sending it:
 * a fresh code is stored hashed (codes.ts) and the plaintext goes only to the outbox.
 */
import { NotAuthorizedException } from '../protocol/errors.ts';
import type { App } from './app.ts';
import { issueCode } from './codes.ts';
import { codeMessage } from './messages.ts';
import { applyCustomText, customMessage } from './triggers/custom-message.ts';
import type { OutboxMessage } from './outbox.ts';
import type { CodeRecord, PoolRecord, UserRecord } from './types.ts';
import { attr } from './users.ts';

export interface DeliveryTarget {
  medium: 'EMAIL' | 'SMS';
  attribute: 'email' | 'phone_number';
  value: string;
}

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

export const SIGNUP_CODE_TTL_MS = 24 * 3_600_000;
/** Cognito's password-reset codes are valid for one hour. */
export const FORGOT_PASSWORD_CODE_TTL_MS = 3_600_000;
export const VERIFY_ATTRIBUTE_CODE_TTL_MS = 24 * 3_600_000;

/** `bob@example.com` → `b***@e***`; `+15555550123` → `+*******0123`. */
export function maskDestination(target: DeliveryTarget): string {
  if (target.medium === 'EMAIL') {
    const [local = '', domain = ''] = target.value.split('@');
    return `${local.charAt(0)}***@${domain.charAt(0)}***`;
  }
  return `+${'*'.repeat(7)}${target.value.slice(-4)}`;
}

function autoVerified(pool: PoolRecord): string[] {
  return (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
}

/**
 * Where a sign-up confirmation code goes: an auto-verified attribute the user has. With both e-mail and
 * phone auto-verified, Cognito texts the phone.
 */
export function signUpTarget(pool: PoolRecord, user: UserRecord): DeliveryTarget | undefined {
  const auto = autoVerified(pool);
  const phone = attr(user, 'phone_number');
  const email = attr(user, 'email');
  if (auto.includes('phone_number') && phone) return { medium: 'SMS', attribute: 'phone_number', value: phone };
  if (auto.includes('email') && email) return { medium: 'EMAIL', attribute: 'email', value: email };
  return undefined;
}

/**
 * Where a password-reset code goes: the first verified recovery mechanism, in the pool's priority order.
 * A pool whose recovery is admin_only refuses self-service resets.
 */
export function recoveryTarget(pool: PoolRecord, user: UserRecord): DeliveryTarget | undefined {
  const setting = pool.config.AccountRecoverySetting as { RecoveryMechanisms?: { Priority: number; Name: string }[] } | undefined;
  const mechanisms = [
    ...(setting?.RecoveryMechanisms ?? [
      { Priority: 1, Name: 'verified_email' },
      { Priority: 2, Name: 'verified_phone_number' },
    ]),
  ];
  mechanisms.sort((a, b) => a.Priority - b.Priority);
  // admin_only: only an administrator resets passwords (AdminResetUserPassword / AdminSetUserPassword).
  if (mechanisms.some((m) => m.Name === 'admin_only')) throw new NotAuthorizedException('Contact administrator to reset password.');
  for (const m of mechanisms) {
    const email = attr(user, 'email');
    const phone = attr(user, 'phone_number');
    if (m.Name === 'verified_email' && email && attr(user, 'email_verified') === 'true') {
      return { medium: 'EMAIL', attribute: 'email', value: email };
    }
    if (m.Name === 'verified_phone_number' && phone && attr(user, 'phone_number_verified') === 'true') {
      return { medium: 'SMS', attribute: 'phone_number', value: phone };
    }
  }
  return undefined;
}

/** The target for verifying a changed e-mail or phone, when the pool auto-verifies it. */
export function attributeTarget(pool: PoolRecord, name: string, value: string): DeliveryTarget | undefined {
  if (!autoVerified(pool).includes(name) || !value) return undefined;
  return name === 'email' ? { medium: 'EMAIL', attribute: 'email', value } : { medium: 'SMS', attribute: 'phone_number', value };
}

const KIND: Record<CodeRecord['purpose'], OutboxMessage['kind']> = {
  signup: 'signup-code',
  'forgot-password': 'forgot-password-code',
  'verify-attribute': 'verify-attribute-code',
};

/** Issues a code for `subject`, delivers it to the outbox and answers the wire's CodeDeliveryDetails. */
export async function sendCode(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  purpose: CodeRecord['purpose'],
  subject: string,
  target: DeliveryTarget,
  ttlMs: number,
): Promise<CodeDeliveryDetails> {
  const custom = await customMessage(app, pool, user, purpose); // before the code exists: a refusal issues none
  const code = await issueCode(app, pool.id, purpose, subject, ttlMs);
  app.outbox.deliver({
    at: new Date(app.now()).toISOString(),
    poolId: pool.id,
    username: user.username,
    medium: target.medium,
    destination: target.value,
    kind: KIND[purpose],
    code,
    ...applyCustomText(codeMessage(pool, target.medium, code, user.username), custom, target.medium, code, user.username),
  });
  return details(target);
}

export function details(target: DeliveryTarget): CodeDeliveryDetails {
  return { Destination: maskDestination(target), DeliveryMedium: target.medium, AttributeName: target.attribute };
}
