/**
 * GetTokensFromRefreshToken (unsigned): client → its secret, when it has one (ClientSecret itself, not a
 * SECRET_HASH) → the same refresh as REFRESH_TOKEN_AUTH (revoked, expired, foreign and unknown refresh
 * tokens refused by domain/revocation).
 */
import { timingSafeEqual } from 'node:crypto';
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { clientSecret, findClient } from '../../domain/user-pools.ts';
import { refreshGrant } from './auth-flows.ts';

export async function getTokensFromRefreshToken(
  input: { RefreshToken: string; ClientId: string; ClientSecret?: string; DeviceKey?: string },
  { app }: RequestContext,
) {
  const { client, pool } = await findClient(app, input.ClientId);
  const secret = clientSecret(app, client);
  if (secret !== undefined) {
    if (input.ClientSecret === undefined) {
      throw new NotAuthorizedException(`Client ${client.id} is configured for secret but secret was not received`);
    }
    const got = Buffer.from(input.ClientSecret);
    const want = Buffer.from(secret);
    if (got.length !== want.length || !timingSafeEqual(got, want)) {
      throw new NotAuthorizedException(`Unable to verify secret hash for client ${client.id}`);
    }
  }
  return { AuthenticationResult: await refreshGrant(app, pool, client, input.RefreshToken, () => {}, input.DeviceKey) };
}
