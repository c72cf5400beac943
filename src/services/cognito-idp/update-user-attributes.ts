/**
 * UpdateUserAttributes (unsigned, access token): who → the client may write these attributes → update,
 * sending a verification code for a changed auto-verified e-mail or phone (CodeDeliveryDetailsList).
 */
import type { RequestContext } from '../../server/context.ts';
import type { AttributeType } from '../../domain/types.ts';
import { signedInUser } from './token-user.ts';
import { updateAttributes } from './user-attributes.ts';

export async function updateUserAttributes(input: { AccessToken: string; UserAttributes: AttributeType[] }, { app }: RequestContext) {
  const { pool, user, client } = await signedInUser(app, input.AccessToken);
  const sent = await updateAttributes(app, pool, user, input.UserAttributes, client);
  return sent.length > 0 ? { CodeDeliveryDetailsList: sent } : {};
}
