/** Checks of user attributes and the SRP user id shared by the user-creating operations. */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { AttributeType, PoolRecord, UserRecord } from '../../domain/types.ts';

/** The attribute names the pool knows (standard and custom). */
function knownAttributes(pool: PoolRecord): Map<string, Record<string, unknown>> {
  const m = new Map<string, Record<string, unknown>>();
  for (const a of (pool.config.SchemaAttributes as Record<string, unknown>[] | undefined) ?? []) m.set(String(a.Name), a);
  return m;
}

/** The boolean attributes Cognito accepts as "true"/"True" (any case) and keeps as "true"/"false". */
const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);

/**
 * Validates attribute names against the pool schema, as Cognito does; returns a copy without `sub`.
 * Developer-only attributes (`dev:custom:x`) are written only by admin operations (`developer`).
 */
export function checkAttributes(
  pool: PoolRecord,
  attrs: AttributeType[],
  opts: { allowImmutable?: boolean; developer?: boolean } = { allowImmutable: true },
): AttributeType[] {
  const known = knownAttributes(pool);
  const out: AttributeType[] = [];
  for (const a of attrs) {
    const schema = known.get(a.Name);
    if (!schema)
      throw new InvalidParameterException(
        `Attributes did not conform to the schema: Type for attribute {${a.Name}} could not be determined`,
      );
    if (a.Name.startsWith('dev:') && opts.developer !== true) {
      throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
    }
    if (a.Name === 'sub')
      throw new InvalidParameterException(
        'Attributes did not conform to the schema: sub: Attribute cannot be updated. (changing an immutable attribute)',
      );
    if (!opts.allowImmutable && schema.Mutable === false) {
      throw new InvalidParameterException(
        `Attributes did not conform to the schema: ${a.Name}: Attribute cannot be updated. (changing an immutable attribute)`,
      );
    }
    if (a.Name === 'email' && a.Value !== undefined && a.Value !== '' && !/^[^@\s]+@[^@\s]+$/.test(a.Value)) {
      throw new InvalidParameterException('Invalid email address format.');
    }
    if (a.Name === 'phone_number' && a.Value !== undefined && a.Value !== '' && !/^\+[0-9]{4,20}$/.test(a.Value)) {
      throw new InvalidParameterException('Invalid phone number format.');
    }
    const max = Number((schema.StringAttributeConstraints as { MaxLength?: string } | undefined)?.MaxLength ?? 2048);
    if (a.Value !== undefined && a.Value.length > max) {
      throw new InvalidParameterException(
        `Attributes did not conform to the schema: ${a.Name}: String must be no longer than ${max} characters`,
      );
    }
    const value = a.Value ?? '';
    out.push({ Name: a.Name, Value: BOOLEAN_ATTRIBUTES.has(a.Name) && /^(true|false)$/i.test(value) ? value.toLowerCase() : value });
  }
  return out;
}

/** USER_ID_FOR_SRP: the user name, or the sub when the pool signs in by e-mail/phone. */
export function srpUserIdFor(pool: PoolRecord, user: Pick<UserRecord, 'username' | 'sub'>): string {
  return ((pool.config.UsernameAttributes as string[] | undefined) ?? []).length > 0 ? user.sub : user.username;
}
