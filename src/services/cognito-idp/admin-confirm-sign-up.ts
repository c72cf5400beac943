/** AdminConfirmSignUp (signed): pool → UNCONFIRMED user → CONFIRMED (attributes stay unverified), pending code dropped. */
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { getPool } from '../../domain/user-pools.ts';
import { postConfirmation } from '../../domain/triggers/sign-up.ts';
import { requireUser } from '../../domain/users.ts';

export async function adminConfirmSignUp(input: { UserPoolId: string; Username: string }, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const user = await requireUser(app, pool, input.Username);
  if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
  user.status = 'CONFIRMED';
  user.lastModifiedAt = app.now();
  await postConfirmation(app, pool, user, 'PostConfirmation_ConfirmSignUp');
  await app.store.users.update(user);
  await app.store.codes.consume(pool.id, 'signup', user.sub);
  return {};
}
