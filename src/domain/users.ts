/** Users: name keys, lookups (by name or alias), attributes, and the wire shapes UserType / AdminGetUser. */
import { UserNotFoundException } from '../protocol/errors.ts';
import type { AliasAttribute } from '../store/port.ts';
import type { App } from './app.ts';
import { userMfaShape } from './mfa/user-mfa.ts';
import { caseSensitive, epochSeconds } from './user-pools.ts';
import type { AttributeType, PoolRecord, UserRecord } from './types.ts';

export function usernameKey(pool: PoolRecord, username: string): string {
  return caseSensitive(pool) ? username : username.toLowerCase();
}

export function attr(user: UserRecord, name: string): string | undefined {
  return user.attributes.find((a) => a.Name === name)?.Value;
}

/** Sets (or with `undefined`, removes) attributes; `sub` never changes. */
export function setAttributes(user: UserRecord, changes: AttributeType[]): void {
  for (const c of changes) {
    if (c.Name === 'sub') continue;
    const i = user.attributes.findIndex((a) => a.Name === c.Name);
    if (c.Value === undefined) {
      if (i >= 0) user.attributes.splice(i, 1);
    } else if (i >= 0) user.attributes[i] = { Name: c.Name, Value: c.Value };
    else user.attributes.push({ Name: c.Name, Value: c.Value });
  }
}

const ALIAS_ATTRIBUTES: AliasAttribute[] = ['email', 'phone_number', 'preferred_username'];

/** The attributes a pool signs in with besides the user name, in the order the rules below try them. */
function aliasNames(pool: PoolRecord): AliasAttribute[] {
  const ua = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const aa = (pool.config.AliasAttributes as string[] | undefined) ?? [];
  // CreateUserPool's enum validation admits no other names; a name the store has no key for cannot sign in.
  return [...new Set([...ua, ...aa])].filter((a): a is AliasAttribute => (ALIAS_ATTRIBUTES as string[]).includes(a));
}

/** Byte order of the UTF-8 encodings: the order the store pages user name keys in. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Finds a user by user name, or by a sign-in alias (email / phone_number / preferred_username) when the
 * pool has UsernameAttributes or AliasAttributes. Alias lookups use the store's alias index.
 *
 * An alias signs in when it is a user name attribute (UsernameAttributes), or is preferred_username, or is
 * verified (`<alias>_verified` = "true"). When several users' aliases match, the first in user-name-key order
 * wins: the user a scan of the pool in `list` order would meet first.
 */
export async function findUser(app: App, pool: PoolRecord, username: string): Promise<UserRecord | undefined> {
  const direct = await app.store.users.getByKey(pool.id, usernameKey(pool, username));
  if (direct) return direct;
  const aliases = aliasNames(pool);
  if (aliases.length === 0) return undefined;
  const wanted = username.toLowerCase();
  const usernameAttrs = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  let found: UserRecord | undefined;
  for (const a of aliases) {
    const eligible = usernameAttrs.includes(a) || a === 'preferred_username';
    const matches = await app.store.users.findByAlias(pool.id, a, wanted);
    const first = eligible ? matches[0] : matches.find((u) => attr(u, `${a}_verified`) === 'true');
    if (first && (!found || byteOrder(first.usernameKey, found.usernameKey) < 0)) found = first;
  }
  return found;
}

export async function requireUser(app: App, pool: PoolRecord, username: string): Promise<UserRecord> {
  const u = await findUser(app, pool, username);
  if (!u) throw new UserNotFoundException('User does not exist.');
  return u;
}

/** The attributes as Cognito lists them: sub first. */
export function wireAttributes(user: UserRecord): AttributeType[] {
  const sub = { Name: 'sub', Value: user.sub };
  return [sub, ...user.attributes.filter((a) => a.Name !== 'sub')];
}

/** UserType (AdminCreateUser, ListUsers). */
export function userType(user: UserRecord): Record<string, unknown> {
  return {
    Username: user.username,
    Attributes: wireAttributes(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.lastModifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...userMfaShape(user, false),
  };
}

/** AdminGetUser's response. */
export function adminGetUserShape(user: UserRecord): Record<string, unknown> {
  return {
    Username: user.username,
    UserAttributes: wireAttributes(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.lastModifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...userMfaShape(user),
  };
}
