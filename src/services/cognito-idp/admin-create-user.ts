/**
 * AdminCreateUser: validate → pool → name free (or RESEND) → temporary password (policy-checked or
 * generated) → store the verifier, never the password → deliver the invitation to the outbox.
 */
import { InvalidParameterException, UnsupportedUserStateException, UsernameExistsException } from '../../protocol/errors.ts';
import { inviteMessage } from '../../domain/messages.ts';
import type { RequestContext } from '../../server/context.ts';
import type { App } from '../../domain/app.ts';
import { randomString, uuid } from '../../domain/ids.ts';
import { assertPasswordPolicy, makeVerifier, policyOf } from '../../domain/passwords.ts';
import type { AttributeType, PoolRecord, UserRecord } from '../../domain/types.ts';
import { getPool } from '../../domain/user-pools.ts';
import { applyCustomText, type CustomText, customMessage } from '../../domain/triggers/custom-message.ts';
import { preSignUp } from '../../domain/triggers/sign-up.ts';
import { attr, findUser, requireUser, userType, usernameKey } from '../../domain/users.ts';
import { checkAttributes, srpUserIdFor } from './user-input.ts';

function generateTemporaryPassword(pool: PoolRecord): string {
  const p = policyOf(pool);
  const core = randomString(Math.max(p.MinimumLength, 8) - 3);
  return `${core}a1A!`.slice(0, Math.max(p.MinimumLength, 12));
}

export function deliverTemporaryPassword(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  password: string,
  mediums?: string[],
  custom?: CustomText,
): void {
  const wantsSms = mediums?.includes('SMS') && !mediums.includes('EMAIL');
  const email = attr(user, 'email');
  const phone = attr(user, 'phone_number');
  const medium = wantsSms ? 'SMS' : email ? 'EMAIL' : phone ? 'SMS' : 'EMAIL';
  app.outbox.deliver({
    at: new Date(app.now()).toISOString(),
    poolId: pool.id,
    username: user.username,
    medium,
    destination: (medium === 'SMS' ? phone : email) ?? '(none)',
    kind: 'temporary-password',
    code: password,
    ...applyCustomText(inviteMessage(pool, medium, password, user.username), custom, medium, password, user.username),
  });
}

export async function adminCreateUser(input: Record<string, unknown>, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId as string);
  const attributes = checkAttributes(pool, (input.UserAttributes as AttributeType[] | undefined) ?? [], {
    allowImmutable: true,
    developer: true,
  });
  const requested = input.Username as string;
  const usernameAttrs = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const now = app.now();

  if (input.MessageAction === 'RESEND') {
    const user = await requireUser(app, pool, requested);
    if (user.status !== 'FORCE_CHANGE_PASSWORD') throw new UnsupportedUserStateException('User is not in FORCE_CHANGE_PASSWORD state');
    const temp = (input.TemporaryPassword as string | undefined) ?? generateTemporaryPassword(pool);
    assertPasswordPolicy(pool, temp);
    user.password = makeVerifier(pool.id, user.password?.srpUserId ?? srpUserIdFor(pool, user), temp);
    user.temporaryPasswordExpiresAt = now + policyOf(pool).TemporaryPasswordValidityDays * 86_400_000;
    user.lastModifiedAt = now;
    const custom = await customMessage(app, pool, user, 'temporary-password');
    await app.store.users.update(user);
    deliverTemporaryPassword(app, pool, user, temp, input.DesiredDeliveryMediums as string[] | undefined, custom);
    return { User: userType(user) };
  }

  // With e-mail or phone as the user name, Cognito names the user by its sub and keeps the value as an attribute.
  const sub = uuid();
  let username = requested;
  if (usernameAttrs.length > 0) {
    const isEmail = requested.includes('@');
    const kind = isEmail ? 'email' : requested.startsWith('+') ? 'phone_number' : undefined;
    if (!kind || !usernameAttrs.includes(kind)) {
      throw new InvalidParameterException('Username should be either an email or a phone number.');
    }
    if (!attributes.some((a) => a.Name === kind)) attributes.push({ Name: kind, Value: requested });
    username = sub;
  }
  if (await app.store.users.getByKey(pool.id, usernameKey(pool, requested))) {
    throw new UsernameExistsException('User account already exists');
  }
  const temp = (input.TemporaryPassword as string | undefined) ?? generateTemporaryPassword(pool);
  assertPasswordPolicy(pool, temp);
  const user: UserRecord = {
    poolId: pool.id,
    username,
    usernameKey: usernameKey(pool, username),
    sub,
    status: 'FORCE_CHANGE_PASSWORD',
    enabled: true,
    generation: 0,
    createdAt: now,
    lastModifiedAt: now,
    attributes,
    temporaryPasswordExpiresAt: now + policyOf(pool).TemporaryPasswordValidityDays * 86_400_000,
  };
  user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), temp);
  if (usernameAttrs.length > 0) {
    if (await findUser(app, pool, requested)) throw new UsernameExistsException('An account with the given email already exists.');
  }
  const validationData = input.ValidationData as AttributeType[] | undefined;
  await preSignUp(app, pool, 'PreSignUp_AdminCreateUser', username, attributes, validationData ? { validationData } : {});
  const sends = input.MessageAction !== 'SUPPRESS';
  const custom = sends ? await customMessage(app, pool, user, 'temporary-password') : undefined;
  if (!(await app.store.users.insert(user))) throw new UsernameExistsException('User account already exists');
  if (sends) deliverTemporaryPassword(app, pool, user, temp, input.DesiredDeliveryMediums as string[] | undefined, custom);
  return { User: userType(user) };
}
