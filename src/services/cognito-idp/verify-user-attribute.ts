/**
 * VerifyUserAttribute (unsigned, access token): who → e-mail or phone → the code matches (single use,
 * attempt-limited, codes.ts) → `<name>_verified` = "true"; a value held back by
 * AttributesRequireVerificationBeforeUpdate replaces the old one now.
 */
import type { RequestContext } from '../../server/context.ts';
import { consumeCode } from '../../domain/codes.ts';
import { InvalidParameterException } from '../../protocol/errors.ts';
import { setAttributes } from '../../domain/users.ts';
import { NOT_VERIFIABLE } from './get-user-attribute-verification-code.ts';
import { signedInUser } from './token-user.ts';

export async function verifyUserAttribute(input: { AccessToken: string; AttributeName: string; Code: string }, { app }: RequestContext) {
  const { pool, user } = await signedInUser(app, input.AccessToken);
  const name = input.AttributeName;
  if (name !== 'email' && name !== 'phone_number') throw new InvalidParameterException(NOT_VERIFIABLE);
  await consumeCode(app, pool.id, 'verify-attribute', `${user.sub}:${name}`, input.Code);
  const pending = user.pendingAttributes?.find((p) => p.Name === name);
  setAttributes(user, [...(pending ? [pending] : []), { Name: `${name}_verified`, Value: 'true' }]);
  if (pending) {
    user.pendingAttributes = user.pendingAttributes?.filter((p) => p !== pending);
    if (user.pendingAttributes?.length === 0) delete user.pendingAttributes;
  }
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return {};
}
