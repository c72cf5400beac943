/**
 * Sign-in: password checks, SECRET_HASH, challenge sessions, and finishing an authentication by
 * starting a grant and issuing its tokens. Shared by InitiateAuth and AdminInitiateAuth (and the SRP flow).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  InvalidParameterException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '../protocol/errors.ts';
import type { App } from './app.ts';
import { checkPassword } from './passwords.ts';
import {
  assertNotLockedOut,
  brakeKeys,
  claimPasswordCheck,
  type PasswordCheck,
  resetPasswordBrake,
  wrongPasswordError,
} from './password-brake.ts';
import { startGrant } from './revocation.ts';
import { ADMIN_SCOPE, type AuthenticationResult, issueTokens } from './tokens.ts';
import { postAuthentication, preAuthentication } from './triggers/authentication.ts';
import { findOrMigrateUser } from './triggers/migration.ts';
import { preTokenGeneration, type TokenGenerationSource } from './triggers/token-generation.ts';
import type { ClientRecord, PoolRecord, UserRecord } from './types.ts';
import { clientSecret } from './user-pools.ts';
import { dummyPasswordCheck, unknownUserWrongPassword } from './user-existence.ts';

export function secretHashFor(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(`${username}${clientId}`).digest('base64');
}

/** Checks SECRET_HASH when the client has a secret; `names` are the user names it may be computed over. */
export function assertSecretHash(app: App, client: ClientRecord, names: string[], presented: string | undefined): void {
  const secret = clientSecret(app, client);
  if (!secret) return;
  if (!presented) throw new NotAuthorizedException(`Client ${client.id} is configured for secret but secret was not received`);
  const got = Buffer.from(presented);
  for (const n of names) {
    const want = Buffer.from(secretHashFor(secret, n, client.id));
    if (want.length === got.length && timingSafeEqual(want, got)) return;
  }
  throw new NotAuthorizedException(`Unable to verify secret hash for client ${client.id}`);
}

/** Whether unknown users are reported as such (LEGACY) or as a wrong password (ENABLED). */
export function hidesUserExistence(client: ClientRecord): boolean {
  return client.config.PreventUserExistenceErrors === 'ENABLED';
}

export function userMissing(client: ClientRecord): Error {
  return hidesUserExistence(client)
    ? new NotAuthorizedException('Incorrect username or password.')
    : new UserNotFoundException('User does not exist.');
}

/** Refuses users who may not sign in at all (disabled, or locked out by wrong passwords). */
export async function assertCanSignIn(app: App, user: UserRecord): Promise<void> {
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  await assertNotLockedOut(app, brakeKeys.user(user));
}

/**
 * Takes a password check for this user past the brake (domain/password-brake), before the password (or
 * SRP proof) is judged: refused while the user is locked out; a wrong answer is then `wrongPasswordError`.
 */
export async function startPasswordCheck(app: App, user: UserRecord): Promise<PasswordCheck> {
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  return claimPasswordCheck(app, brakeKeys.user(user));
}

/** Verifies a user name and password. Returns the user, ready for the next step. */
export async function verifyPassword(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
): Promise<UserRecord> {
  const user = await findOrMigrateUser(app, pool, client, username, 'UserMigration_Authentication', password);
  await preAuthentication(app, pool, client, username, user);
  if (!user) {
    // Hidden, an unknown user costs what a wrong password costs and brakes the same way.
    if (hidesUserExistence(client)) throw await unknownUserWrongPassword(app, pool.id, username, password);
    throw userMissing(client);
  }
  const check = await startPasswordCheck(app, user);
  if (!user.password) dummyPasswordCheck(app, pool.id, password);
  if (!user.password || !checkPassword(pool.id, user.password, password)) throw wrongPasswordError(check);
  await acceptPassword(app, user);
  return user;
}

/** After a right password (or SRP proof): the count starts over; expired temporary password; user status. */
export async function acceptPassword(app: App, user: UserRecord): Promise<void> {
  await resetPasswordBrake(app, user);
  if (
    user.status === 'FORCE_CHANGE_PASSWORD' &&
    user.temporaryPasswordExpiresAt !== undefined &&
    user.temporaryPasswordExpiresAt < app.now()
  ) {
    throw new NotAuthorizedException('Temporary password has expired and must be reset by an administrator.');
  }
  if (user.status === 'UNCONFIRMED') throw new UserNotConfirmedException('User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw new PasswordResetRequiredException('Password reset required for the user');
}

// ---- challenge sessions ----

export interface ChallengeState {
  kind: string;
  poolId: string;
  clientId: string;
  sub: string;
  [k: string]: unknown;
}

/** Creates an opaque, single-use challenge session (AuthSessionValidity minutes, 3 by default). */
export async function createChallengeSession(app: App, client: ClientRecord, state: ChallengeState): Promise<string> {
  const minutes = typeof client.config.AuthSessionValidity === 'number' ? (client.config.AuthSessionValidity as number) : 3;
  const id = randomBytes(48).toString('base64url');
  await app.store.authSessions.put({ id, expiresAt: app.now() + minutes * 60_000, data: state });
  return id;
}

/** Consumes a challenge session; refuses unknown, expired, foreign or wrong-kind sessions. */
export async function consumeChallengeSession(
  app: App,
  client: ClientRecord,
  session: string | undefined,
  kind: string,
): Promise<ChallengeState> {
  if (!session) throw new InvalidParameterException('Missing required parameter Session');
  const rec = await app.store.authSessions.consume(session);
  const state = rec?.data as ChallengeState | undefined;
  if (!rec || !state || rec.expiresAt <= app.now() || state.clientId !== client.id || state.kind !== kind) {
    throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  }
  return state;
}

/** How a sign-in step finishes: the PreTokenGeneration source, and what the step writes once the triggers agreed. */
export interface SignInOptions {
  source?: TokenGenerationSource;
  commit?: () => Promise<void>;
  /** The tracked device the grant is issued to: its access tokens carry `device_key` (domain/mfa/devices). */
  deviceKey?: string;
}

/**
 * Finishes an authentication: the PostAuthentication and PreTokenGeneration triggers, then `commit` (what
 * the step itself changes, written only once the triggers agreed), then a new grant and its tokens.
 */
export async function completeSignIn(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  opts: SignInOptions = {},
): Promise<AuthenticationResult> {
  await postAuthentication(app, pool, client, user);
  const customize = await preTokenGeneration(app, pool, client, user, opts.source ?? 'Authentication', ADMIN_SCOPE);
  await opts.commit?.();
  const { grant, refreshToken } = await startGrant(app, pool, client, user);
  if (opts.deviceKey) await app.store.mfa.bindGrant(grant.id, pool.id, opts.deviceKey);
  const deviceClaims = opts.deviceKey ? { device_key: opts.deviceKey } : {};
  const tokens = await issueTokens(app, pool, client, user, grant, undefined, customize, deviceClaims);
  return {
    AccessToken: tokens.AccessToken,
    ExpiresIn: tokens.ExpiresIn,
    TokenType: 'Bearer',
    RefreshToken: refreshToken,
    IdToken: tokens.IdToken,
  };
}
