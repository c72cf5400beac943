/**
 * The text of the messages Cognito would send, from the pool's templates: verification and reset codes
 * (VerificationMessageTemplate, or the legacy EmailVerificationMessage / EmailVerificationSubject /
 * SmsVerificationMessage), and invitations with a temporary password (AdminCreateUserConfig's
 * InviteMessageTemplate). `{####}` is the code or password, `{username}` the user name. The outbox
 * records the rendered subject and message beside the code.
 */
import type { PoolRecord } from './types.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const DEFAULT_CODE_MESSAGE = 'Your verification code is {####}. ';
const DEFAULT_CODE_SUBJECT = 'Your verification code';
const DEFAULT_INVITE_MESSAGE = 'Your username is {username} and temporary password is {####}. ';
const DEFAULT_INVITE_SUBJECT = 'Your temporary password';

export interface RenderedMessage {
  subject?: string;
  message: string;
}

function fill(template: string, code: string, username: string): string {
  return template.replaceAll('{####}', code).replaceAll('{username}', username);
}

/** A code message (sign-up, attribute verification, password reset), as e-mail or SMS. */
export function codeMessage(pool: PoolRecord, medium: 'EMAIL' | 'SMS', code: string, username: string): RenderedMessage {
  const t = (pool.config.VerificationMessageTemplate as Obj | undefined) ?? {};
  if (medium === 'SMS') {
    return { message: fill(str(t.SmsMessage) ?? str(pool.config.SmsVerificationMessage) ?? DEFAULT_CODE_MESSAGE, code, username) };
  }
  return {
    subject: str(t.EmailSubject) ?? str(pool.config.EmailVerificationSubject) ?? DEFAULT_CODE_SUBJECT,
    message: fill(str(t.EmailMessage) ?? str(pool.config.EmailVerificationMessage) ?? DEFAULT_CODE_MESSAGE, code, username),
  };
}

/** An invitation carrying a temporary password (AdminCreateUser). */
export function inviteMessage(pool: PoolRecord, medium: 'EMAIL' | 'SMS', password: string, username: string): RenderedMessage {
  const t = ((pool.config.AdminCreateUserConfig as Obj | undefined)?.InviteMessageTemplate as Obj | undefined) ?? {};
  if (medium === 'SMS') return { message: fill(str(t.SMSMessage) ?? DEFAULT_INVITE_MESSAGE, password, username) };
  return {
    subject: str(t.EmailSubject) ?? DEFAULT_INVITE_SUBJECT,
    message: fill(str(t.EmailMessage) ?? DEFAULT_INVITE_MESSAGE, password, username),
  };
}

/**
 * VerificationMessageTemplate and the legacy members it replaced, kept in step as Cognito keeps them:
 * a template member wins over its legacy twin, a legacy member fills an absent template member, and the
 * pool then reports both with the same value.
 */
export function syncVerificationMessages(input: Obj): Obj {
  const t: Obj = { ...((input.VerificationMessageTemplate as Obj | undefined) ?? {}) };
  const pairs: [string, string][] = [
    ['SmsMessage', 'SmsVerificationMessage'],
    ['EmailMessage', 'EmailVerificationMessage'],
    ['EmailSubject', 'EmailVerificationSubject'],
  ];
  const out: Obj = {};
  for (const [member, legacy] of pairs) {
    const v = str(t[member]) ?? str(input[legacy]);
    if (v === undefined) continue;
    t[member] = v;
    out[legacy] = v;
  }
  t.DefaultEmailOption ??= 'CONFIRM_WITH_CODE';
  out.VerificationMessageTemplate = t;
  return out;
}
