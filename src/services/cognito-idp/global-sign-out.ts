/** GlobalSignOut (unsigned): authenticate the access token → end every grant of its user. */
import type { RequestContext } from '../../server/context.ts';
import { authenticateAccessToken, signOutEverywhere } from '../../domain/revocation.ts';

export async function globalSignOut(input: { AccessToken: string }, { app }: RequestContext) {
  const { poolId, claims } = await authenticateAccessToken(app, input.AccessToken);
  await signOutEverywhere(app, poolId, claims.sub as string);
  return {};
}
