/**
 * UserMigration: a user the pool does not know is looked up by the function (UserMigration_Authentication
 * with the password being tried, UserMigration_ForgotPassword without one); when it answers with the
 * user's attributes, the user is created here — and from then on signs in like any other user, without
 * the trigger. A failing or refusing function creates nothing.
 */
import { UsernameExistsException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { uuid } from '../ids.ts';
import { assertPasswordPolicy, makeVerifier } from '../passwords.ts';
import type { AttributeType, ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { findUser, usernameKey } from '../users.ts';
import { InvalidLambdaResponseException, UNRECOGNIZABLE } from './errors.ts';
import { expectType, invokeTrigger, triggerArn } from './invoke.ts';

type Source = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

const RESPONSE = {
  userAttributes: null,
  finalUserStatus: null,
  messageAction: null,
  desiredDeliveryMediums: null,
  forceAliasCreation: null,
  enableSMSMFA: null,
};

/** The user the function describes, as it will be stored (not yet stored). */
function migratedUser(
  pool: PoolRecord,
  requested: string,
  response: Record<string, unknown>,
  source: Source,
  password?: string,
): UserRecord {
  expectType(response.userAttributes, 'object', false);
  expectType(response.finalUserStatus, 'string');
  expectType(response.messageAction, 'string');
  expectType(response.desiredDeliveryMediums, 'string[]');
  expectType(response.forceAliasCreation, 'boolean');
  const status = response.finalUserStatus ?? (source === 'UserMigration_ForgotPassword' ? 'RESET_REQUIRED' : 'CONFIRMED');
  if (status !== 'CONFIRMED' && status !== 'RESET_REQUIRED') throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
  if (response.messageAction !== undefined && response.messageAction !== null && response.messageAction !== 'SUPPRESS') {
    throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
  }
  const attributes: AttributeType[] = [];
  for (const [Name, Value] of Object.entries(response.userAttributes as Record<string, unknown>)) {
    if (typeof Value !== 'string') throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
    if (Name === 'sub' || Name.startsWith('cognito:')) continue; // Cognito assigns these
    attributes.push({ Name, Value });
  }
  const sub = uuid();
  // With e-mail or phone as the user name, Cognito names the user by its sub (as in SignUp).
  const byAttribute = ((pool.config.UsernameAttributes as string[] | undefined) ?? []).length > 0;
  const username = byAttribute ? sub : requested;
  const now = Date.now();
  const user: UserRecord = {
    poolId: pool.id,
    username,
    usernameKey: usernameKey(pool, username),
    sub,
    status,
    enabled: true,
    generation: 0,
    createdAt: now,
    lastModifiedAt: now,
    attributes,
  };
  // The verifier's SRP user id follows srpUserIdFor: the sub when users sign in by e-mail or phone.
  if (password !== undefined) user.password = makeVerifier(pool.id, byAttribute ? sub : username, password);
  return user;
}

/**
 * The user a request names — or, when the pool does not know it and has a UserMigration trigger, the user
 * the function migrates (stored here). Undefined when neither knows it.
 */
export async function findOrMigrateUser(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  source: Source,
  password?: string,
): Promise<UserRecord | undefined> {
  const existing = await findUser(app, pool, username);
  if (existing || !triggerArn(pool, 'UserMigration')) return existing;
  const response = await invokeTrigger(app, pool, {
    trigger: 'UserMigration',
    triggerSource: source,
    userName: username,
    clientId: client.id,
    request: password !== undefined ? { password } : {},
    response: { ...RESPONSE },
  });
  if (!response) return undefined;
  const user = migratedUser(pool, username, response, source, password);
  if (password !== undefined) assertPasswordPolicy(pool, password);
  user.createdAt = app.now();
  user.lastModifiedAt = user.createdAt;
  if (!(await app.store.users.insert(user))) throw new UsernameExistsException('User account already exists');
  return user;
}
