/** DeleteUserAttributes (unsigned, access token): who → the client may write them → remove the named attributes. */
import type { RequestContext } from '../../server/context.ts';
import { signedInUser } from './token-user.ts';
import { deleteAttributes } from './user-attributes.ts';

export async function deleteUserAttributes(input: { AccessToken: string; UserAttributeNames: string[] }, { app }: RequestContext) {
  const { pool, user, client } = await signedInUser(app, input.AccessToken);
  await deleteAttributes(app, pool, user, input.UserAttributeNames, client);
  return {};
}
