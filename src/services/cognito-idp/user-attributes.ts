/**
 * Attribute changes shared by (Admin)UpdateUserAttributes and (Admin)DeleteUserAttributes: schema and
 * client write permission, required attributes, alias uniqueness, and re-verification of a changed
 * e-mail or phone (its *_verified flag drops to false and, when the pool auto-verifies it, a code goes out).
 */
import { AliasExistsException, InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { type CodeDeliveryDetails, VERIFY_ATTRIBUTE_CODE_TTL_MS, attributeTarget, sendCode } from '../../domain/code-delivery.ts';
import type { AttributeType, ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { attr, findUser, setAttributes } from '../../domain/users.ts';
import { checkAttributes } from './user-input.ts';

const VERIFIABLE = ['email', 'phone_number'] as const;

function schemaOf(pool: PoolRecord): Record<string, unknown>[] {
  return (pool.config.SchemaAttributes as Record<string, unknown>[] | undefined) ?? [];
}

/** Refuses a user whose attributes lack one the pool's schema requires. */
export function assertRequiredAttributes(pool: PoolRecord, attributes: AttributeType[]): void {
  const missing = schemaOf(pool)
    .filter((s) => s.Required === true && s.Name !== 'sub')
    .map((s) => String(s.Name))
    .filter((n) => !attributes.some((a) => a.Name === n && a.Value));
  if (missing.length > 0) {
    throw new InvalidParameterException(
      `Attributes did not conform to the schema: ${missing.map((n) => `${n}: The attribute is required`).join('\n')}`,
    );
  }
}

/** Token-authorised changes may only touch the attributes the app client may write. */
export function assertClientMayWrite(client: ClientRecord | undefined, names: string[]): void {
  const writable = client?.config.WriteAttributes as string[] | undefined;
  if (!writable) return;
  if (names.some((n) => !writable.includes(n))) throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
}

async function assertAliasFree(app: App, pool: PoolRecord, user: UserRecord, changes: AttributeType[]): Promise<void> {
  const aliases = [
    ...((pool.config.UsernameAttributes as string[] | undefined) ?? []),
    ...((pool.config.AliasAttributes as string[] | undefined) ?? []),
  ];
  for (const c of changes) {
    if (!aliases.includes(c.Name) || !c.Value) continue;
    const other = await findUser(app, pool, c.Value);
    if (other && other.sub !== user.sub) throw new AliasExistsException(`An account with the given ${c.Name} already exists.`);
  }
}

/** The attributes the pool keeps unchanged until their new value is verified. */
function verifiedBeforeUpdate(pool: PoolRecord): string[] {
  const s = pool.config.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined;
  return s?.AttributesRequireVerificationBeforeUpdate ?? [];
}

function dropPending(user: UserRecord, name: string): void {
  if (!user.pendingAttributes) return;
  user.pendingAttributes = user.pendingAttributes.filter((p) => p.Name !== name);
  if (user.pendingAttributes.length === 0) delete user.pendingAttributes;
}

/** Applies attribute updates to `user` and stores them; returns the codes sent to verify changed values. */
export async function updateAttributes(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  requested: AttributeType[],
  client?: ClientRecord,
): Promise<CodeDeliveryDetails[]> {
  // Without a client the caller is an administrator (Admin* operations), who may write dev: attributes.
  const changes = checkAttributes(pool, requested, { allowImmutable: false, developer: client === undefined });
  assertClientMayWrite(
    client,
    changes.map((c) => c.Name),
  );
  await assertAliasFree(app, pool, user, changes);
  const toVerify: { name: (typeof VERIFIABLE)[number]; value: string }[] = [];
  const held = verifiedBeforeUpdate(pool);
  for (const name of VERIFIABLE) {
    const c = changes.find((x) => x.Name === name);
    if (!c || c.Value === attr(user, name)) continue;
    // A new address is unverified unless the caller says otherwise in the same request.
    if (changes.some((x) => x.Name === `${name}_verified` && x.Value === 'true')) {
      dropPending(user, name);
      continue;
    }
    if (held.includes(name) && c.Value) {
      // The pool verifies before updating: the old value stays (and stays verified) until the new one is.
      changes.splice(changes.indexOf(c), 1);
      dropPending(user, name);
      user.pendingAttributes = [...(user.pendingAttributes ?? []), { Name: name, Value: c.Value }];
      toVerify.push({ name, value: c.Value });
      continue;
    }
    dropPending(user, name);
    if (!changes.some((x) => x.Name === `${name}_verified`)) {
      changes.push({ Name: `${name}_verified`, Value: 'false' });
      if (c.Value) toVerify.push({ name, value: c.Value });
    }
  }
  setAttributes(user, changes);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  const sent: CodeDeliveryDetails[] = [];
  for (const v of toVerify) {
    const target = attributeTarget(pool, v.name, v.value);
    if (target)
      sent.push(await sendCode(app, pool, user, 'verify-attribute', `${user.sub}:${v.name}`, target, VERIFY_ATTRIBUTE_CODE_TTL_MS));
  }
  return sent;
}

/** Removes attributes (never `sub` or a required one) and stores the user. */
export async function deleteAttributes(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  names: string[],
  client?: ClientRecord,
): Promise<void> {
  const unknown = names.find((n) => !schemaOf(pool).some((s) => s.Name === n));
  if (unknown !== undefined) {
    throw new InvalidParameterException(`Invalid user attributes: user.${unknown}: Attribute does not exist in the schema.`);
  }
  checkAttributes(
    pool,
    names.map((Name) => ({ Name })),
    { allowImmutable: false, developer: client === undefined },
  );
  assertClientMayWrite(client, names);
  const required = schemaOf(pool).filter((s) => s.Required === true);
  for (const n of names) {
    if (required.some((s) => s.Name === n)) {
      throw new InvalidParameterException(`Attributes did not conform to the schema: ${n}: The attribute is required`);
    }
  }
  setAttributes(
    user,
    names.map((Name) => ({ Name })),
  );
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
}
