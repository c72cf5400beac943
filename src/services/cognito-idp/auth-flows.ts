/**
 * The auth flows shared by InitiateAuth and AdminInitiateAuth: password sign-in (with the
 * NEW_PASSWORD_REQUIRED challenge for temporary passwords) and refresh.
 */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { assertSecretHash, createChallengeSession, verifyPassword } from '../../domain/auth.ts';
import { grantDeviceClaims } from '../../domain/mfa/devices.ts';
import { afterFirstFactor } from '../../domain/mfa/step.ts';
import { checkRefreshToken, rotateRefreshToken } from '../../domain/revocation.ts';
import { type AuthenticationResult, issueTokens } from '../../domain/tokens.ts';
import { preTokenGeneration } from '../../domain/triggers/token-generation.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { srpUserIdFor } from './user-input.ts';

export type AuthParams = Record<string, string | undefined>;

export function requireParam(params: AuthParams, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw new InvalidParameterException(`Missing required parameter ${name}`);
  return v;
}

/** The NEW_PASSWORD_REQUIRED challenge a user with a temporary password gets once the password is proven. */
export async function newPasswordChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): Promise<Record<string, unknown>> {
  const userAttributes: Record<string, string> = {};
  for (const a of user.attributes) if (a.Value !== undefined) userAttributes[a.Name] = a.Value;
  const session = await createChallengeSession(app, client, {
    kind: 'NEW_PASSWORD_REQUIRED',
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
  });
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: session,
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.password?.srpUserId ?? srpUserIdFor(pool, user),
      requiredAttributes: '[]',
      userAttributes: JSON.stringify(userAttributes),
    },
  };
}

/** USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH. */
export async function passwordFlow(app: App, pool: PoolRecord, client: ClientRecord, params: AuthParams): Promise<Record<string, unknown>> {
  const username = requireParam(params, 'USERNAME');
  const password = requireParam(params, 'PASSWORD');
  assertSecretHash(app, client, [username], params.SECRET_HASH);
  const user = await verifyPassword(app, pool, client, username, password);
  if (user.status === 'FORCE_CHANGE_PASSWORD') return newPasswordChallenge(app, pool, client, user);
  return afterFirstFactor(app, pool, client, user, {}, params.DEVICE_KEY);
}

/** REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new access and ID tokens for the same grant. */
export async function refreshFlow(app: App, pool: PoolRecord, client: ClientRecord, params: AuthParams): Promise<Record<string, unknown>> {
  const token = requireParam(params, 'REFRESH_TOKEN');
  const result = await refreshGrant(
    app,
    pool,
    client,
    token,
    (user) => {
      if (client.secretSealed) {
        assertSecretHash(app, client, [params.USERNAME ?? user.username, user.username, user.sub], params.SECRET_HASH);
      }
    },
    params.DEVICE_KEY,
  );
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/**
 * The refresh itself, shared by REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken: the refresh token is
 * this client's and alive (domain/revocation) → `checkClient` (how the caller proves the client) → the
 * user may still sign in → new access and ID tokens for the same grant, and a new refresh token when the
 * client rotates them.
 */
export async function refreshGrant(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  token: string,
  checkClient: (user: UserRecord) => void,
  deviceKey?: string,
): Promise<AuthenticationResult> {
  const state = await checkRefreshToken(app, client, token);
  const user = await app.store.users.getBySub(pool.id, state.grant.sub);
  if (!user) throw new NotAuthorizedException('Refresh Token has been revoked');
  checkClient(user);
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  const customize = await preTokenGeneration(app, pool, client, user, 'RefreshTokens', state.grant.scope);
  const deviceClaims = await grantDeviceClaims(app, state.grant, deviceKey);
  const tokens = await issueTokens(app, pool, client, user, state.grant, undefined, customize, deviceClaims);
  const rotation = (client.config.RefreshTokenRotation as { Feature?: string } | undefined)?.Feature === 'ENABLED';
  const rotated = rotation ? await rotateRefreshToken(app, state) : undefined;
  return {
    AccessToken: tokens.AccessToken,
    ExpiresIn: tokens.ExpiresIn,
    TokenType: 'Bearer',
    ...(rotated ? { RefreshToken: rotated } : {}),
    IdToken: tokens.IdToken,
  };
}
