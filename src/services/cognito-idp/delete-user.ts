/** DeleteUser (unsigned, access token): who → end every session → delete the user with its grants and codes. */
import type { RequestContext } from '../../server/context.ts';
import { signOutEverywhere } from '../../domain/revocation.ts';
import { signedInUser } from './token-user.ts';

export async function deleteUser(input: { AccessToken: string }, { app }: RequestContext) {
  const { pool, user } = await signedInUser(app, input.AccessToken);
  await signOutEverywhere(app, pool.id, user.sub);
  await app.store.users.delete(pool.id, user.sub);
  return {};
}
