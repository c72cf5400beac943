/**
 * SignUp (unsigned): client + SECRET_HASH → self sign-up allowed → attributes and password policy →
 * name free → UNCONFIRMED user (verifier only) → confirmation code (hashed at rest, plaintext to the
 * outbox) when the pool auto-verifies an attribute the user gave.
 */
import { InvalidParameterException, NotAuthorizedException, UsernameExistsException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { SIGNUP_CODE_TTL_MS, sendCode, signUpTarget } from '../../domain/code-delivery.ts';
import { uuid } from '../../domain/ids.ts';
import { allowsPasswordless } from '../../domain/mfa/first-factors.ts';
import { assertPasswordPolicy, makeVerifier } from '../../domain/passwords.ts';
import type { AttributeType, PoolRecord, UserRecord } from '../../domain/types.ts';
import { applyPreSignUp, postConfirmation, preSignUp } from '../../domain/triggers/sign-up.ts';
import { findUser, usernameKey } from '../../domain/users.ts';
import { clientFor } from './client-user.ts';
import { checkAttributes, srpUserIdFor } from './user-input.ts';
import { assertRequiredAttributes } from './user-attributes.ts';

interface SignUpInput {
  ClientId: string;
  Username: string;
  Password?: string;
  SecretHash?: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
}

/** With e-mail or phone as the user name, Cognito names the user by its sub and keeps the value as an attribute. */
function resolveUsername(pool: PoolRecord, requested: string, attributes: AttributeType[], sub: string): string {
  const usernameAttrs = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  if (usernameAttrs.length === 0) return requested;
  const kind = requested.includes('@') ? 'email' : requested.startsWith('+') ? 'phone_number' : undefined;
  if (!kind || !usernameAttrs.includes(kind)) {
    throw new InvalidParameterException('Username should be either an email or a phone number.');
  }
  const i = attributes.findIndex((a) => a.Name === kind);
  if (i >= 0) attributes.splice(i, 1);
  attributes.push({ Name: kind, Value: requested });
  return sub;
}

export async function signUp(input: SignUpInput, { app }: RequestContext) {
  const { client, pool } = await clientFor(app, input);
  const adminOnly = (pool.config.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)?.AllowAdminCreateUserOnly;
  if (adminOnly) throw new NotAuthorizedException('SignUp is not permitted for this user pool');
  const attributes = checkAttributes(pool, input.UserAttributes ?? [], { allowImmutable: true }).filter(
    (a) => a.Name !== 'email_verified' && a.Name !== 'phone_number_verified',
  );
  const sub = uuid();
  const username = resolveUsername(pool, input.Username, attributes, sub);
  assertRequiredAttributes(pool, attributes);
  // Without a password only where the pool allows passwordless sign-in (AllowedFirstAuthFactors).
  if (input.Password === undefined && !allowsPasswordless(pool)) {
    throw new InvalidParameterException(
      "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
    );
  }
  if (input.Password !== undefined) assertPasswordPolicy(pool, input.Password);
  if (await findUser(app, pool, input.Username)) throw new UsernameExistsException('User already exists');
  const decision = await preSignUp(app, pool, 'PreSignUp_SignUp', username, attributes, {
    clientId: client.id,
    ...(input.ValidationData ? { validationData: input.ValidationData } : {}),
  });

  const now = app.now();
  const user: UserRecord = {
    poolId: pool.id,
    username,
    usernameKey: usernameKey(pool, username),
    sub,
    status: 'UNCONFIRMED',
    enabled: true,
    generation: 0,
    createdAt: now,
    lastModifiedAt: now,
    attributes,
  };
  if (input.Password !== undefined) user.password = makeVerifier(pool.id, srpUserIdFor(pool, user), input.Password);
  applyPreSignUp(user, decision);
  if (decision.autoConfirmUser) await postConfirmation(app, pool, user, 'PostConfirmation_ConfirmSignUp', client.id);
  if (!(await app.store.users.insert(user))) throw new UsernameExistsException('User already exists');
  if (decision.autoConfirmUser) return { UserConfirmed: true, UserSub: sub };

  const target = signUpTarget(pool, user);
  let delivery: Awaited<ReturnType<typeof sendCode>> | undefined;
  try {
    delivery = target ? await sendCode(app, pool, user, 'signup', user.sub, target, SIGNUP_CODE_TTL_MS) : undefined;
  } catch (e) {
    // A refused CustomMessage (or a failed delivery) leaves no half-signed-up user behind.
    await app.store.users.delete(pool.id, user.sub);
    throw e;
  }
  return { UserConfirmed: false, ...(delivery ? { CodeDeliveryDetails: delivery } : {}), UserSub: sub };
}
