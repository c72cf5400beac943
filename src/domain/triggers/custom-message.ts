/**
 * CustomMessage: before a code, a temporary password or an MFA code is sent, the function may rewrite the
 * message (smsMessage, emailMessage, emailSubject). It receives placeholders, never the secret: Cognate
 * fills `{####}` (and `{username}`) in what it answers. A message without the code placeholder is not used
 * (the pool's own template is sent instead), since the user could not read the code from it.
 */
import type { App } from '../app.ts';
import type { RenderedMessage } from '../messages.ts';
import type { UserRecord } from '../types.ts';
import type { PoolRecord } from '../types.ts';
import { currentTriggerContext } from './context.ts';
import { expectType, invokeTrigger, NO_CLIENT, triggerArn } from './invoke.ts';
import { userAttributesOf } from './user-attributes.ts';

export type MessageKind = 'signup' | 'forgot-password' | 'verify-attribute' | 'temporary-password' | 'mfa';

/** What the function answered, to be filled in once the code exists. */
export interface CustomText {
  smsMessage?: string;
  emailMessage?: string;
  emailSubject?: string;
}

/** The trigger source for a message, from what it carries and the operation sending it. */
export function customMessageSource(kind: MessageKind, operation: string | undefined): string {
  switch (kind) {
    case 'signup':
      return operation === 'ResendConfirmationCode' ? 'CustomMessage_ResendCode' : 'CustomMessage_SignUp';
    case 'forgot-password':
      return operation === 'AdminResetUserPassword' ? 'CustomMessage_AdminResetUserPassword' : 'CustomMessage_ForgotPassword';
    case 'verify-attribute':
      return operation === 'GetUserAttributeVerificationCode' ? 'CustomMessage_VerifyUserAttribute' : 'CustomMessage_UpdateUserAttribute';
    case 'temporary-password':
      return 'CustomMessage_AdminCreateUser';
    case 'mfa':
      return 'CustomMessage_Authentication';
  }
}

/** Invokes CustomMessage (when the pool has it) before anything is issued; undefined keeps the pool's templates. */
export async function customMessage(app: App, pool: PoolRecord, user: UserRecord, kind: MessageKind): Promise<CustomText | undefined> {
  if (!triggerArn(pool, 'CustomMessage')) return undefined;
  const ctx = currentTriggerContext();
  const r = await invokeTrigger(app, pool, {
    trigger: 'CustomMessage',
    triggerSource: customMessageSource(kind, ctx.operation),
    userName: user.username,
    clientId: ctx.clientId ?? NO_CLIENT,
    request: {
      userAttributes: userAttributesOf(user),
      codeParameter: '{####}',
      linkParameter: '{##Click Here##}',
      usernameParameter: kind === 'temporary-password' ? '{username}' : null,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  if (!r) return undefined;
  expectType(r.smsMessage, 'string');
  expectType(r.emailMessage, 'string');
  expectType(r.emailSubject, 'string');
  return {
    ...(typeof r.smsMessage === 'string' ? { smsMessage: r.smsMessage } : {}),
    ...(typeof r.emailMessage === 'string' ? { emailMessage: r.emailMessage } : {}),
    ...(typeof r.emailSubject === 'string' ? { emailSubject: r.emailSubject } : {}),
  };
}

/** The pool's rendering with the function's text laid over it, code and user name filled in. */
export function applyCustomText(
  rendered: RenderedMessage,
  custom: CustomText | undefined,
  medium: 'EMAIL' | 'SMS',
  code: string,
  username: string,
): RenderedMessage {
  if (!custom) return rendered;
  const fill = (t: string) => t.replaceAll('{####}', code).replaceAll('{username}', username);
  const body = medium === 'SMS' ? custom.smsMessage : custom.emailMessage;
  const out: RenderedMessage = { ...rendered };
  if (body?.includes('{####}')) out.message = fill(body);
  if (medium === 'EMAIL' && custom.emailSubject) out.subject = fill(custom.emailSubject);
  return out;
}
