/**
 * RevokeToken (unsigned): client (and its secret) → revocation enabled → the token is one of this
 * client's refresh tokens → revoke its grant, which ends every access and ID token issued from it.
 */
import {
  InvalidParameterException,
  UnauthorizedException,
  UnsupportedOperationException,
  UnsupportedTokenTypeException,
} from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { timingSafeEqual } from 'node:crypto';
import { revokeGrant } from '../../domain/revocation.ts';
import { parseRefreshToken } from '../../domain/tokens.ts';
import { clientSecret, revocationEnabled } from '../../domain/user-pools.ts';

export async function revokeToken(input: { Token: string; ClientId: string; ClientSecret?: string }, { app }: RequestContext) {
  const client = await app.store.clients.find(input.ClientId);
  if (!client) throw new UnauthorizedException('Invalid client id or secret.');
  const secret = clientSecret(app, client);
  if (secret !== undefined) {
    const got = Buffer.from(input.ClientSecret ?? '');
    const want = Buffer.from(secret);
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw new UnauthorizedException('Invalid client id or secret.');
  }
  if (!revocationEnabled(client)) throw new UnsupportedOperationException('Token revocation is not enabled for this app client.');
  const parsed = parseRefreshToken(input.Token);
  if (!parsed) {
    if (input.Token.split('.').length === 3 && input.Token.startsWith('eyJ')) {
      throw new UnsupportedTokenTypeException('Only refresh tokens can be revoked.');
    }
    throw new InvalidParameterException('Invalid Refresh Token');
  }
  const state = await app.store.grants.state(parsed.grantId);
  const hashOk =
    state !== undefined &&
    Buffer.from(state.grant.refreshHash, 'hex').length === 32 &&
    timingSafeEqual(Buffer.from(state.grant.refreshHash, 'hex'), Buffer.from(parsed.secretHash, 'hex'));
  if (!state || !hashOk) throw new InvalidParameterException('Invalid Refresh Token');
  if (state.grant.clientId !== client.id) throw new UnauthorizedException('The refresh token was not issued to this client.');
  await revokeGrant(app, state.grant.id);
  return {};
}
