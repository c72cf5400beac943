/**
 * GetUserAttributeVerificationCode (unsigned, access token): who → an e-mail or phone the user has (or
 * is changing to, when the pool verifies before updating) → a code to it through the outbox (24 hours,
 * hashed at rest, at most five requests an hour) → CodeDeliveryDetails.
 */
import type { RequestContext } from '../../server/context.ts';
import { VERIFY_ATTRIBUTE_CODE_TTL_MS, sendCode } from '../../domain/code-delivery.ts';
import { InvalidParameterException } from '../../protocol/errors.ts';
import { LIMITS, limitKeys, requireAttempt } from '../../domain/limits.ts';
import { attr } from '../../domain/users.ts';
import { signedInUser } from './token-user.ts';

export const NOT_VERIFIABLE = 'Invalid attribute name. Only phone_number and email can be verified';

export async function getUserAttributeVerificationCode(input: { AccessToken: string; AttributeName: string }, { app }: RequestContext) {
  const { pool, user } = await signedInUser(app, input.AccessToken);
  const name = input.AttributeName;
  if (name !== 'email' && name !== 'phone_number') throw new InvalidParameterException(NOT_VERIFIABLE);
  const value = user.pendingAttributes?.find((p) => p.Name === name)?.Value ?? attr(user, name);
  if (!value) throw new InvalidParameterException(`User does not have a ${name} to verify.`);
  // The security limits' code-request quota, shared with ForgotPassword and ResendConfirmationCode.
  await requireAttempt(app, limitKeys.codeRequest(pool.id, 'verify-attribute', user.sub), LIMITS.codeRequests);
  const target =
    name === 'email'
      ? ({ medium: 'EMAIL', attribute: 'email', value } as const)
      : ({ medium: 'SMS', attribute: 'phone_number', value } as const);
  return {
    CodeDeliveryDetails: await sendCode(app, pool, user, 'verify-attribute', `${user.sub}:${name}`, target, VERIFY_ATTRIBUTE_CODE_TTL_MS),
  };
}
