/**
 * PreSignUp (SignUp, AdminCreateUser) and PostConfirmation (ConfirmSignUp, AdminConfirmSignUp,
 * ConfirmForgotPassword, auto-confirmation), with the request and response members Cognito documents.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { AttributeType, PoolRecord, UserRecord } from '../types.ts';
import { expectType, invokeTrigger, NO_CLIENT } from './invoke.ts';
import { attributeMap, userAttributesOf } from './user-attributes.ts';

export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

const NOTHING: PreSignUpDecision = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };

/**
 * Invokes PreSignUp before a user is created. For AdminCreateUser Cognito ignores the response's
 * auto-confirm and auto-verify flags, so the decision is always "nothing" there.
 */
export async function preSignUp(
  app: App,
  pool: PoolRecord,
  source: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser',
  userName: string,
  attributes: AttributeType[],
  opts: { clientId?: string; validationData?: AttributeType[] },
): Promise<PreSignUpDecision> {
  const response = await invokeTrigger(app, pool, {
    trigger: 'PreSignUp',
    triggerSource: source,
    userName,
    clientId: opts.clientId ?? NO_CLIENT,
    request: {
      userAttributes: attributeMap(attributes),
      ...(opts.validationData ? { validationData: attributeMap(opts.validationData) } : {}),
    },
    response: { ...NOTHING },
  });
  if (!response || source === 'PreSignUp_AdminCreateUser') return NOTHING;
  for (const k of ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'] as const) expectType(response[k], 'boolean');
  const decision = {
    autoConfirmUser: response.autoConfirmUser === true,
    autoVerifyEmail: response.autoVerifyEmail === true,
    autoVerifyPhone: response.autoVerifyPhone === true,
  };
  const has = (n: string) => attributes.some((a) => a.Name === n && a.Value);
  if (decision.autoVerifyEmail && !has('email')) {
    throw new InvalidParameterException('Cannot auto-verify the email of a user without an email attribute.');
  }
  if (decision.autoVerifyPhone && !has('phone_number')) {
    throw new InvalidParameterException('Cannot auto-verify the phone number of a user without a phone_number attribute.');
  }
  return decision;
}

/** Applies a PreSignUp decision to the user about to be stored. */
export function applyPreSignUp(user: UserRecord, decision: PreSignUpDecision): void {
  if (decision.autoConfirmUser) user.status = 'CONFIRMED';
  const set = (name: string) => {
    const i = user.attributes.findIndex((a) => a.Name === name);
    if (i >= 0) user.attributes.splice(i, 1);
    user.attributes.push({ Name: name, Value: 'true' });
  };
  if (decision.autoVerifyEmail) set('email_verified');
  if (decision.autoVerifyPhone) set('phone_number_verified');
}

/** Invokes PostConfirmation for a user as it will be once confirmed (call before storing it). */
export async function postConfirmation(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  source: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword',
  clientId?: string,
): Promise<void> {
  await invokeTrigger(app, pool, {
    trigger: 'PostConfirmation',
    triggerSource: source,
    userName: user.username,
    clientId: clientId ?? NO_CLIENT,
    request: { userAttributes: userAttributesOf(user) },
  });
}
