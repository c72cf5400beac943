/** Users: name keys, lookups (by name or alias), attributes, and the wire shapes UserType / AdminGetUser. */
import { UserNotFoundException } from '../protocol/errors.ts';
import type { App } from './app.ts';
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

function aliasNames(pool: PoolRecord): string[] {
  const ua = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const aa = ((pool.config.AliasAttributes as string[] | undefined) ?? []).filter((a) => a !== 'preferred_username' || true);
  return [...ua, ...aa];
}

/**
 * Finds a user by user name, or by a sign-in alias (email / phone_number / preferred_username) when the
 * pool has UsernameAttributes or AliasAttributes. Alias lookups scan the pool's users.
 */
export async function findUser(app: App, pool: PoolRecord, username: string): Promise<UserRecord | undefined> {
  const direct = await app.store.users.getByKey(pool.id, usernameKey(pool, username));
  if (direct) return direct;
  const aliases = aliasNames(pool);
  if (aliases.length === 0) return undefined;
  const wanted = username.toLowerCase();
  let after: string | undefined;
  do {
    const page = await app.store.users.list(pool.id, 500, after);
    for (const u of page.items) {
      for (const a of aliases) {
        const v = attr(u, a);
        if (v !== undefined && v.toLowerCase() === wanted) {
          // An alias only signs in when verified (AliasAttributes) or when it is the user name attribute.
          const isUsernameAttr = ((pool.config.UsernameAttributes as string[] | undefined) ?? []).includes(a);
          if (isUsernameAttr || a === 'preferred_username' || attr(u, `${a}_verified`) === 'true') return u;
        }
      }
    }
    after = page.next;
  } while (after);
  return undefined;
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
    ...(user.mfaOptions ? { MFAOptions: user.mfaOptions } : {}),
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
    ...(user.mfaOptions ? { MFAOptions: user.mfaOptions } : {}),
    ...(user.preferredMfa ? { PreferredMfaSetting: user.preferredMfa } : {}),
  };
}
